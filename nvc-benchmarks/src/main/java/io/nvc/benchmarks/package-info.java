/** JMH benchmarks of the hot path: not implemented yet (issue 11); this module holds no code so far. */
@NullMarked
package io.nvc.benchmarks;

import org.jspecify.annotations.NullMarked;
