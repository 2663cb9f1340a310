/** The DJL (PyTorch engine) backend: not implemented yet (issue 9); this module holds no code so far. */
@NullMarked
package io.nvc.djl;

import org.jspecify.annotations.NullMarked;
