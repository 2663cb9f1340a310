/** Examination reports (being written for the reports issue; holds no code yet). */
@NullMarked
package io.nvc.report;

import org.jspecify.annotations.NullMarked;
