package io.nvc.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Turns a {@link Scene} into pixels: background (tissue colours, illumination, vignetting) on a coarse
 * grid, texture, vessel absorbance with spatially varying defocus, haemorrhages, dust, bubbles, glare
 * and sensor noise. Single-threaded and deterministic. Stateless and thread-safe.
 */
final class Compositor {
  /** Pixels per cell of the coarse background grid. */
  static final int GRID = 8;

  private Compositor() {
  }

  static BufferedImage draw(Scene sc) {
    int w = sc.width;
    int h = sc.height;
    int n = w * h;
    boolean clean = sc.clean;
    float[] tmp = new float[n];

    float[] distal = new float[n];
    // Rows behind the distal one are always wider than 2 px after blur: paint them at half resolution.
    int w2 = (w + 1) / 2;
    int h2 = (h + 1) / 2;
    float[] deepHalf = clean ? null : new float[w2 * h2];
    for (Vessel v : sc.vessels) {
      for (Tube t : v.tubes) {
        if (v.row == 0) {
          Painter.tube(distal, w, h, t, v.contrast);
        } else if (deepHalf != null) {
          Painter.tube(deepHalf, w2, h2, t, v.contrast, 0.5f);
        }
      }
    }
    float[] deep = null;
    float[] haem = null;
    if (!sc.haemorrhages.isEmpty()) {
      haem = new float[n];
      for (Scene.Haemorrhage hm : sc.haemorrhages) {
        for (Blob b : hm.blobs()) {
          Painter.blob(haem, w, h, b);
        }
      }
    }
    float[] distal2 = null;
    if (!clean) {
      distal2 = distal.clone();
      Planes.blur(distal, tmp, w, h, sc.blurPx);
      Planes.blurWide(distal2, w, h, sc.blur2Px);
      deep = new float[n];
      Planes.blurHalf(deepHalf, w2, h2, deep, w, h, sc.deepBlurPx / 2);
      if (haem != null) {
        Planes.blur(haem, tmp, w, h, sc.blurPx * 0.8);
      }
    }
    float[] dust = null;
    float[] glare = null;
    float[] texture = null;
    float[] grain = null;
    float[] chroma = null;
    if (!clean) {
      if (!sc.dust.isEmpty()) {
        dust = new float[n];
        for (Blob b : sc.dust) {
          Painter.blob(dust, w, h, b);
        }
      }
      texture = new float[n];
      new Planes.Lattice(sc.appearanceSeed ^ 0x11, sc.texMedCellPx, w, h).addTo(texture, w, h, sc.texMedAmp);
      new Planes.Lattice(sc.appearanceSeed ^ 0x12, sc.texFineCellPx, w, h).addTo(texture, w, h, sc.texFineAmp);
      for (Blob b : sc.bubbles) {
        Painter.bubble(texture, w, h, b);
      }
      if (!sc.glare.isEmpty()) {
        glare = new float[n];
        for (Blob b : sc.glare) {
          Painter.blob(glare, w, h, b);
        }
      }
      grain = new float[n];
      chroma = sc.noiseChroma > 0 ? new float[n] : null;
      Planes.grain(sc.appearanceSeed ^ 0x21, w, h, grain, chroma, tmp);
    }

    // Background on a coarse grid: colour (3) and defocus mix (1).
    int gw = w / GRID + 2;
    int gh = h / GRID + 2;
    float[] grid = new float[gw * gh * 4];
    Planes.Lattice illum = new Planes.Lattice(sc.appearanceSeed ^ 0x31, sc.illumCellPx, w + 2 * GRID, h + 2 * GRID);
    Planes.Lattice focus = sc.defocusLattice();
    Planes.Lattice redness = new Planes.Lattice(sc.appearanceSeed ^ 0x33, sc.rednessCellPx, w + 2 * GRID, h + 2 * GRID);
    double halfDiag2 = (w * w + h * h) / 4.0;
    for (int j = 0; j < gh; j++) {
      for (int i = 0; i < gw; i++) {
        double px = i * GRID;
        double py = j * GRID;
        double d = sc.relativeDepth(px, py);
        // Clean renders keep a flat skin background so that profiles can be measured against it.
        double c = clean ? 0 : smootherstep((d - sc.rampCentrePx) / sc.rampWidthPx + 0.5);
        double nl = clean ? 0 : smootherstep((d - sc.nailOffsetPx) / sc.nailRampPx + 0.5);
        double dx = px - w / 2.0;
        double dy = py - h / 2.0;
        double light = clean ? 1.0 : (1 + sc.illumAmp * illum.at(px, py)) * (1 - sc.vignette * (dx * dx + dy * dy) / halfDiag2);
        // Patchy erythema of the skin: green and blue dip where the dermis holds more blood.
        double red = clean ? 0 : sc.rednessAmp * (1 - c) * (0.5 + 0.5 * redness.at(px, py));
        int k = (j * gw + i) * 4;
        for (int ch = 0; ch < 3; ch++) {
          double tissue = sc.skin[ch] + (sc.cuticle[ch] - sc.skin[ch]) * c;
          double tint = ch == 0 ? 1 - 0.3 * red : 1 - red;
          grid[k + ch] = (float) ((tissue + (sc.nail[ch] - tissue) * nl) * light * tint);
        }
        grid[k + 3] = (float) Scene.defocusMix(focus, px, py);
      }
    }

    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    int[] gx = new int[w];
    float[] tx = new float[w];
    for (int x = 0; x < w; x++) {
      double f = (x + 0.5) / GRID;
      gx[x] = (int) f;
      tx[x] = (float) (f - gx[x]);
    }
    float kr = (float) sc.absorbRed;
    float kb = (float) sc.absorbBlue;
    float nLuma = (float) sc.noiseLuma;
    float nChroma = (float) sc.noiseChroma;
    float[] px = new float[4];
    for (int y = 0; y < h; y++) {
      double fy = (y + 0.5) / GRID;
      int gy = (int) fy;
      float ty = (float) (fy - gy);
      int row0 = gy * gw;
      int row1 = row0 + gw;
      for (int x = 0; x < w; x++) {
        int i0 = (row0 + gx[x]) * 4;
        int i1 = (row1 + gx[x]) * 4;
        float t = tx[x];
        for (int ch = 0; ch < 4; ch++) {
          float top = grid[i0 + ch] + (grid[i0 + 4 + ch] - grid[i0 + ch]) * t;
          float bottom = grid[i1 + ch] + (grid[i1 + 4 + ch] - grid[i1 + ch]) * t;
          px[ch] = top + (bottom - top) * ty;
        }
        int idx = y * w + x;
        float a = distal[idx];
        if (distal2 != null) {
          a += px[3] * (distal2[idx] - a);
        }
        if (deep != null) {
          a += deep[idx];
        }
        float hh = haem == null ? 0f : haem[idx];
        float ss = dust == null ? 0f : dust[idx];
        float base = texture == null ? 1f : 1f + texture[idx];
        // Haemorrhages (haemosiderin, red-brown) and dust (yellow-brown) absorb blue most, red least.
        float r = px[0] * base * (1f - kr * a - 0.55f * hh - 0.25f * ss);
        float g = px[1] * base * (1f - a - 0.9f * hh - 0.45f * ss);
        float b = px[2] * base * (1f - kb * a - 0.95f * hh - 0.85f * ss);
        if (glare != null) {
          float gl = Math.min(1.2f, glare[idx]);
          r += gl * (265f - r);
          g += gl * (265f - g);
          b += gl * (265f - b);
        }
        if (grain != null) {
          float nl = nLuma * grain[idx];
          float nc = chroma == null ? 0f : nChroma * chroma[idx];
          r += nl;
          g += nl + nc;
          b += nl + nc;
        }
        int o = idx * 3;
        out[o] = toByte(b);
        out[o + 1] = toByte(g);
        out[o + 2] = toByte(r);
      }
    }
    return img;
  }

  /** 6t^5 - 15t^4 + 10t^3 on [0, 1]: a ramp without the Mach bands of a plain smoothstep. */
  private static double smootherstep(double x) {
    double t = Math.max(0, Math.min(1, x));
    return t * t * t * (t * (6 * t - 15) + 10);
  }

  private static byte toByte(float v) {
    int i = (int) (v + 0.5f);
    return (byte) (i < 0 ? 0 : (i > 255 ? 255 : i));
  }
}
