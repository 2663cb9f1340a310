package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Class and profile statistics over 30 small images per profile land in their configured ranges. */
class ProfileStatisticsTest {
  private static final int IMAGES = 30;

  private record Stats(double meanDensity, int distal, int giant, int enlarged, int ramified, int tortuous,
      double haemorrhagesPerMm) {
  }

  private static Stats collect(Profile profile) {
    SynthOptions o = SynthOptions.defaults().withSize(640, 512).withUmPerPx(2.0, 2.6).withProfile(profile)
        .withClean(true);
    double densitySum = 0;
    int densityImages = 0;
    int distal = 0;
    int giant = 0;
    int enlarged = 0;
    int ramified = 0;
    int tortuous = 0;
    int haemorrhages = 0;
    double rowMm = 0;
    for (int i = 0; i < IMAGES; i++) {
      ImageGroundTruth t = ScenePlanner.plan(1000 + i, o).truth();
      assertEquals(profile, t.profile());
      int n = 0;
      for (CapillaryTruth c : t.capillaries()) {
        assertEquals(SizeClass.fromCalibres(c.apicalUm(), c.arterialUm(), c.venousUm()), c.size());
        assertTrue(c.arterialUm() <= c.venousUm());
        if (!c.distalRow()) {
          assertEquals(SizeClass.NORMAL, c.size(), "rows behind the distal one are drawn normal");
          continue;
        }
        n++;
        giant += c.morphology() == MorphologyClass.GIANT ? 1 : 0;
        enlarged += c.size() == SizeClass.ENLARGED ? 1 : 0;
        ramified += c.morphology() == MorphologyClass.RAMIFIED ? 1 : 0;
        tortuous += c.morphology() == MorphologyClass.TORTUOUS ? 1 : 0;
      }
      distal += n;
      haemorrhages += t.haemorrhages().size();
      if (t.densityPerMm() > 0) {
        densitySum += t.densityPerMm();
        densityImages++;
        rowMm += n / t.densityPerMm();
      }
    }
    return new Stats(densitySum / Math.max(1, densityImages), distal, giant, enlarged, ramified, tortuous,
        haemorrhages / Math.max(1e-9, rowMm));
  }

  @ParameterizedTest
  @EnumSource(value = Profile.class, names = "MIXED", mode = EnumSource.Mode.EXCLUDE)
  void statisticsLandInTheConfiguredRanges(Profile profile) {
    ProfileParams p = ProfileParams.of(profile);
    Stats s = collect(profile);
    String info = profile + " " + s;
    assertTrue(s.meanDensity() >= p.minDensity() - 0.5 && s.meanDensity() <= p.maxDensity() + 0.5, info);
    double giantShare = s.giant() / (double) s.distal();
    double nonGiant = s.distal() - s.giant();
    assertEquals(p.giant(), giantShare, 0.5 * p.giant() + 0.04, info);
    assertEquals(p.enlarged(), s.enlarged() / nonGiant, 0.5 * p.enlarged() + 0.05, info);
    assertEquals(p.ramified(), s.ramified() / nonGiant, 0.5 * p.ramified() + 0.04, info);
    assertEquals(p.tortuous(), s.tortuous() / nonGiant, 0.5 * p.tortuous() + 0.05, info);
    assertEquals(p.haemorrhages(), s.haemorrhagesPerMm(), 0.5 * p.haemorrhages() + 0.1, info);
  }

  @Test
  void profilesOrderAsTheClinicalPatterns() {
    Stats normal = collect(Profile.NORMAL);
    Stats early = collect(Profile.SCLERODERMA_EARLY);
    Stats active = collect(Profile.SCLERODERMA_ACTIVE);
    Stats late = collect(Profile.SCLERODERMA_LATE);
    assertEquals(0, normal.giant());
    assertTrue(early.giant() > 0);
    assertTrue(active.giant() / (double) active.distal() > early.giant() / (double) early.distal());
    assertTrue(active.haemorrhagesPerMm() > early.haemorrhagesPerMm());
    assertTrue(late.meanDensity() < 4.5 && late.meanDensity() < active.meanDensity()
        && active.meanDensity() < early.meanDensity());
    assertTrue(late.ramified() / (double) late.distal() > 0.2);
  }

  @Test
  void mixedDrawsEveryProfile() {
    SynthOptions o = SynthOptions.defaults().withSize(128, 128).withProfile(Profile.MIXED);
    Set<Profile> seen = EnumSet.noneOf(Profile.class);
    for (int i = 0; i < 40; i++) {
      seen.add(ScenePlanner.plan(i, o).profile);
    }
    assertEquals(EnumSet.of(Profile.NORMAL, Profile.SCLERODERMA_EARLY, Profile.SCLERODERMA_ACTIVE,
        Profile.SCLERODERMA_LATE), seen);
  }
}
