/** Calibration sources and capture metadata: not implemented yet (issue 6); this module holds no code so far. */
@NullMarked
package io.nvc.calibration;

import org.jspecify.annotations.NullMarked;
