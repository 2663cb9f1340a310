package io.nvc;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Draws an {@link ImageAnalysis} over its image, like Fig. 3 of the seed paper: boxes coloured by class
 * (thick for the distal row), the apical segment in white, the limb segments in cyan, and a short label
 * per capillary (shape initial, apical calibre, size). Line widths and text scale with the image so that
 * overlays stay readable from 640x480 to 4K. Stateless and thread-safe.
 */
public final class Overlay {

  private Overlay() {}

  /** A new RGB image: {@code image} with {@code analysis} drawn over it; {@code image} is not changed. */
  public static BufferedImage render(BufferedImage image, ImageAnalysis analysis) {
    if (image.getWidth() != analysis.image().width() || image.getHeight() != analysis.image().height()) {
      throw new IllegalArgumentException(
          "the analysis is of a " + analysis.image().width() + "x" + analysis.image().height()
              + " image, found a " + image.getWidth() + "x" + image.getHeight() + " image");
    }
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      float unit = Math.max(1f, Math.max(image.getWidth(), image.getHeight()) / 1280f);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(14 * unit)));
      for (Haemorrhage h : analysis.haemorrhages()) {
        drawBox(g, h.box(), HAEMORRHAGE, 2 * unit);
        label(g, "H " + percent(h.confidence()), h.box(), HAEMORRHAGE, unit);
      }
      for (CapillaryFinding c : analysis.capillaries()) {
        Color colour = colour(c.morphology());
        drawBox(g, c.box(), colour, (c.distalRow() ? 3 : 1.5f) * unit);
        segment(g, c.arterial(), LIMB, 2 * unit);
        segment(g, c.venous(), LIMB, 2 * unit);
        segment(g, c.apical(), APEX, 2 * unit);
        label(g, label(c), c.box(), colour, unit);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Writes {@code overlay} as PNG.
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be written
   */
  public static void writePng(BufferedImage overlay, Path file) throws NvcException {
    try {
      if (!ImageIO.write(overlay, "png", file.toFile())) {
        throw new NvcException(ErrorCode.IO, "no PNG writer available for " + file);
      }
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static final Color NORMAL = new Color(0x2ECC40);
  private static final Color TORTUOUS = new Color(0xFFDC00);
  private static final Color RAMIFIED = new Color(0xF012BE);
  private static final Color GIANT = new Color(0xFF4136);
  private static final Color HAEMORRHAGE = new Color(0xFF851B);
  private static final Color APEX = Color.WHITE;
  private static final Color LIMB = new Color(0x39CCCC);

  private static Color colour(Morphology m) {
    return switch (m) {
      case NORMAL -> NORMAL;
      case TORTUOUS -> TORTUOUS;
      case RAMIFIED -> RAMIFIED;
      case GIANT -> GIANT;
    };
  }

  private static String label(CapillaryFinding c) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.morphology().name().charAt(0));
    Measurement apical = c.apical();
    if (apical != null) {
      sb.append(' ').append(apical.micrometres() != null
          ? String.format(Locale.ROOT, "%.0fµm", apical.micrometres())
          : String.format(Locale.ROOT, "%.0fpx", apical.pixels()));
    }
    switch (c.size()) {
      case ENLARGED -> sb.append(" E");
      case GIANT -> sb.append(" G");
      default -> { }
    }
    return sb.toString();
  }

  private static String percent(double confidence) {
    return Math.round(confidence * 100) + "%";
  }

  private static void drawBox(Graphics2D g, Box b, Color colour, float width) {
    g.setStroke(new BasicStroke(width));
    g.setColor(colour);
    g.draw(new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height()));
  }

  private static void segment(Graphics2D g, @Nullable Measurement m, Color colour, float width) {
    if (m == null) {
      return;
    }
    g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(colour);
    g.draw(new Line2D.Double(m.start().x(), m.start().y(), m.end().x(), m.end().y()));
  }

  private static void label(Graphics2D g, String text, Box b, Color colour, float unit) {
    FontMetrics fm = g.getFontMetrics();
    int w = fm.stringWidth(text) + Math.round(6 * unit);
    int h = fm.getHeight();
    int x = (int) Math.round(b.x());
    int y = (int) Math.round(b.y()) - h;
    if (y < 0) {
      y = (int) Math.round(b.maxY());
    }
    g.setColor(new Color(0, 0, 0, 170));
    g.fillRect(x, y, w, h);
    g.setColor(colour);
    g.drawString(text, x + Math.round(3 * unit), y + fm.getAscent());
  }
}
