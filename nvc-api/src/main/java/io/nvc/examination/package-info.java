/**
 * Examinations: the photos of one patient's nailfolds (up to 4 sectors and a panoramic view per finger),
 * analysed together into per-finger and per-patient figures, a Fast Track suggestion with its trace,
 * and a versioned JSON report ({@link io.nvc.examination.ExaminationJson}).
 *
 * <p>Start with {@link io.nvc.examination.Examination} (or {@link io.nvc.examination.ExaminationFolder}
 * for a folder laid out as {@code DIR/<finger>/<sector>.<ext>}), then
 * {@link io.nvc.examination.Examinations#analyze}. Everything here is pure logic over the results of a
 * {@link io.nvc.NailfoldAnalyzer}; the HTML and PDF reports live in the {@code nvc-report} module.
 */
@NullMarked
package io.nvc.examination;

import org.jspecify.annotations.NullMarked;
