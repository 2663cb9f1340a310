package io.nvc.examples;

import io.nvc.AnalysisJson;
import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import java.nio.file.Path;

/** The README's Java example, kept here so that it compiles as written. */
public final class QuickStart {

  private QuickStart() {}

  /** Analyses the image named by the first argument at 1.0 micrometres per pixel. */
  public static void main(String[] args) throws NvcException {
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().build()) {
      ImageAnalysis result = analyzer.analyze(Path.of(args[0]), Calibration.manual(1.0));
      for (CapillaryFinding c : result.capillaries()) {
        System.out.printf("%s %s apical=%s%n", c.morphology(), c.size(),
            c.apical() == null ? "-" : c.apical().micrometres() + " um");
      }
      System.out.println("capillaries per mm: " + result.summary().densityPerMm());
      AnalysisJson.write(result, Path.of("result.json"));
    }
  }
}
