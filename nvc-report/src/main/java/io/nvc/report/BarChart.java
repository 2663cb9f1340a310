package io.nvc.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A small bar chart drawn by hand: as inline SVG for the HTML report and as a bitmap for the PDF (which
 * has no SVG support). Immutable.
 */
final class BarChart {

  /** One bar; a null value is drawn as "n/a". */
  record Bar(String label, @Nullable Double value, String colour, String tooltip) {}

  /** A horizontal reference line. */
  record Line(double value, String label, String colour, boolean dashed) {}

  static final int WIDTH = 560;
  static final int HEIGHT = 250;
  private static final int LEFT = 46;
  private static final int RIGHT = 14;
  private static final int TOP = 14;
  private static final int BOTTOM = 40;

  private final String title;
  private final String yLabel;
  private final List<Bar> bars;
  private final List<Line> lines;
  private final double yMax;
  private final double step;

  BarChart(String title, String yLabel, List<Bar> bars, List<Line> lines) {
    this.title = title;
    this.yLabel = yLabel;
    this.bars = List.copyOf(bars);
    this.lines = List.copyOf(lines);
    double max = 1;
    for (Bar b : bars) {
      if (b.value() != null) {
        max = Math.max(max, b.value());
      }
    }
    for (Line l : lines) {
      max = Math.max(max, l.value());
    }
    this.step = niceStep(max * 1.1 / 5);
    this.yMax = Math.ceil(max * 1.1 / step) * step;
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private double plotW() {
    return WIDTH - LEFT - RIGHT;
  }

  private double plotH() {
    return HEIGHT - TOP - BOTTOM;
  }

  private double y(double v) {
    return TOP + plotH() * (1 - v / yMax);
  }

  private double slot() {
    return plotW() / Math.max(1, bars.size());
  }

  private List<Double> ticks() {
    List<Double> t = new ArrayList<>();
    for (double v = 0; v <= yMax + 1e-9; v += step) {
      t.add(v);
    }
    return t;
  }

  /** The chart as an inline SVG element (no script, no external reference). */
  String svg() {
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
    s.append("<title>").append(Html.escape(title)).append("</title>");
    for (double t : ticks()) {
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>", LEFT, y(t), WIDTH - RIGHT, y(t)));
      s.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>", LEFT - 6,
          y(t) + 4, tick(t)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" font-size=\"11\" fill=\"#555\" "
        + "transform=\"rotate(-90 12 %.1f)\" text-anchor=\"middle\">%s</text>", TOP + plotH() / 2,
        TOP + plotH() / 2, Html.escape(yLabel)));
    double slot = slot();
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double x = LEFT + i * slot + slot * 0.15;
      double w = slot * 0.7;
      if (b.value() != null) {
        double top = y(b.value());
        s.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>", x,
            top, w, TOP + plotH() - top, b.colour(), Html.escape(b.tooltip())));
      } else {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" "
            + "fill=\"#999\">n/a</text>", x + w / 2, TOP + plotH() - 4));
      }
      s.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">%s</text>", x + w / 2,
          HEIGHT - BOTTOM + 15, Html.escape(b.label())));
    }
    for (Line l : lines) {
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
          + "stroke-width=\"1.5\"%s/>", LEFT, y(l.value()), WIDTH - RIGHT, y(l.value()), l.colour(),
          l.dashed() ? " stroke-dasharray=\"5 4\"" : ""));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" "
          + "fill=\"%s\">%s</text>", WIDTH - RIGHT - 2, y(l.value()) - 3, l.colour(), Html.escape(l.label())));
    }
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>", LEFT, TOP + plotH(), WIDTH - RIGHT,
        TOP + plotH()));
    s.append("</svg>");
    return s.toString();
  }

  /** The chart as a bitmap, {@code scale} pixels per SVG unit. */
  BufferedImage image(int scale) {
    BufferedImage img = new BufferedImage(WIDTH * scale, HEIGHT * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (double t : ticks()) {
        g.setColor(new Color(0xE3E3E3));
        g.draw(new Line2D.Double(LEFT, y(t), WIDTH - RIGHT, y(t)));
        text(g, tick(t), LEFT - 6, y(t) + 4, new Color(0x555555), 1);
      }
      double slot = slot();
      for (int i = 0; i < bars.size(); i++) {
        Bar b = bars.get(i);
        double x = LEFT + i * slot + slot * 0.15;
        double w = slot * 0.7;
        if (b.value() != null) {
          double top = y(b.value());
          g.setColor(Color.decode(b.colour()));
          g.fill(new Rectangle2D.Double(x, top, w, TOP + plotH() - top));
        } else {
          text(g, "n/a", x + w / 2, TOP + plotH() - 4, new Color(0x999999), 0);
        }
        text(g, b.label(), x + w / 2, HEIGHT - BOTTOM + 15, new Color(0x333333), 0);
      }
      for (Line l : lines) {
        Color c = Color.decode(l.colour());
        g.setColor(c);
        g.setStroke(l.dashed() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
            new float[] {5, 4}, 0) : new BasicStroke(1.5f));
        g.draw(new Line2D.Double(LEFT, y(l.value()), WIDTH - RIGHT, y(l.value())));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        text(g, l.label(), WIDTH - RIGHT - 2, y(l.value()) - 3, c, 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      }
      g.setStroke(new BasicStroke(1f));
      g.setColor(new Color(0x333333));
      g.draw(new Line2D.Double(LEFT, TOP + plotH(), WIDTH - RIGHT, TOP + plotH()));
      Graphics2D r = (Graphics2D) g.create();
      r.rotate(-Math.PI / 2, 12, TOP + plotH() / 2);
      text(r, yLabel, 12, TOP + plotH() / 2, new Color(0x555555), 0);
      r.dispose();
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Draws text anchored at its start (0: middle, 1: end, -1: start). */
  private static void text(Graphics2D g, String s, double x, double y, Color c, int anchor) {
    FontMetrics fm = g.getFontMetrics();
    double w = fm.stringWidth(s);
    double left = anchor == 1 ? x - w : anchor == 0 ? x - w / 2 : x;
    g.setColor(c);
    g.drawString(s, (float) left, (float) y);
  }

  private static String tick(double v) {
    return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
  }
}
