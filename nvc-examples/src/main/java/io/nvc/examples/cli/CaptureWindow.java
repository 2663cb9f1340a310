package io.nvc.examples.cli;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jspecify.annotations.Nullable;

/**
 * The live view: each analysed frame with its overlay, a status line, and keys F (next finger),
 * S (next sector), Space or Enter (snapshot), Q or Esc (quit); closing the window quits too. Frames
 * reach the Swing thread "latest wins" as well: at most one repaint is pending, whatever the rate.
 */
final class CaptureWindow {

  private final JFrame frame;
  private final JLabel picture = new JLabel();
  private final JLabel status = new JLabel(" ");
  private final AtomicReference<@Nullable Shown> pending = new AtomicReference<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Rectangle screen;

  private record Shown(BufferedImage image, String status) {}

  private CaptureWindow(String title, CaptureControls controls) {
    screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
    frame = new JFrame(title);
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    picture.setHorizontalAlignment(SwingConstants.CENTER);
    frame.getContentPane().add(picture, BorderLayout.CENTER);
    frame.getContentPane().add(status, BorderLayout.SOUTH);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        controls.requestStop();
      }
    });
    frame.addKeyListener(new KeyAdapter() {
      @Override
      public void keyPressed(KeyEvent e) {
        switch (e.getKeyCode()) {
          case KeyEvent.VK_F -> controls.nextFinger();
          case KeyEvent.VK_S -> controls.nextSector();
          case KeyEvent.VK_SPACE, KeyEvent.VK_ENTER -> controls.requestSnapshot();
          case KeyEvent.VK_Q, KeyEvent.VK_ESCAPE -> controls.requestStop();
          default -> { }
        }
      }
    });
    frame.setMinimumSize(new Dimension(480, 360));
  }

  /** Opens the window on the Swing thread; call only when a display exists. */
  static CaptureWindow open(String title, CaptureControls controls) throws InterruptedException {
    AtomicReference<@Nullable CaptureWindow> made = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(() -> {
        CaptureWindow w = new CaptureWindow(title, controls);
        w.frame.pack();
        w.frame.setLocationByPlatform(true);
        w.frame.setVisible(true);
        made.set(w);
      });
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException("cannot open the capture window: " + e.getCause().getMessage(), e);
    }
    CaptureWindow w = made.get();
    if (w == null) {
      throw new IllegalStateException("cannot open the capture window");
    }
    return w;
  }

  /**
   * Shows {@code overlay} (a new image the window may keep) with {@code text} below it; callable from
   * any thread, never blocks.
   */
  void show(BufferedImage overlay, String text) {
    pending.set(new Shown(fit(overlay), text));
    if (scheduled.compareAndSet(false, true)) {
      SwingUtilities.invokeLater(this::paint);
    }
  }

  private void paint() {
    scheduled.set(false);
    Shown s = pending.getAndSet(null);
    if (s == null) {
      return;
    }
    boolean first = picture.getIcon() == null;
    picture.setIcon(new ImageIcon(s.image()));
    status.setText(s.status());
    if (first) {
      frame.pack();
    }
  }

  /** Scales large frames down to 90 % of the screen (drawn by the calling thread, not Swing's). */
  private BufferedImage fit(BufferedImage image) {
    double scale = Math.min(1.0, Math.min(screen.width * 0.9 / image.getWidth(),
        (screen.height * 0.9 - 40) / image.getHeight()));
    if (scale >= 1.0 || scale <= 0) {
      return image;
    }
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Closes the window (from any thread). */
  void close() {
    SwingUtilities.invokeLater(frame::dispose);
  }
}
