package io.nvc.examination;

/**
 * Told about each image of an examination as it finishes. Called from the analysing threads, one call at
 * a time; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * One more image finished (analysed, failed or skipped as panoramic).
   *
   * @param result what became of it
   * @param done images finished so far, this one included
   * @param total images in the examination
   */
  void imageFinished(ImageResult result, int done, int total);
}
