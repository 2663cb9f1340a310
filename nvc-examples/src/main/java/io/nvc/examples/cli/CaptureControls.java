package io.nvc.examples.cli;

import io.nvc.Finger;
import io.nvc.Sector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * What the physician sets while capturing (finger, sector) and asks for (a snapshot, stop), shared by
 * the window's keys, the console prompt and the capture threads. Thread-safe.
 */
final class CaptureControls {

  private static final Sector[] SECTORS = {Sector.A, Sector.B, Sector.C, Sector.D, Sector.PANORAMIC};

  private volatile @Nullable Finger finger;
  private volatile @Nullable Sector sector;
  private final AtomicBoolean snapshot = new AtomicBoolean();
  private final AtomicBoolean stop = new AtomicBoolean();

  CaptureControls(@Nullable Finger finger, @Nullable Sector sector) {
    this.finger = finger;
    this.sector = sector;
  }

  @Nullable Finger finger() {
    return finger;
  }

  @Nullable Sector sector() {
    return sector;
  }

  /** L1, L2, ... R5, L1, ...; the first press selects L1. */
  void nextFinger() {
    Finger f = finger;
    Finger[] all = Finger.values();
    finger = f == null ? all[0] : all[(f.ordinal() + 1) % all.length];
  }

  /** A, B, C, D, PANORAMIC, A, ...; the first press selects A. */
  void nextSector() {
    Sector s = sector;
    int i = 0;
    while (s != null && i < SECTORS.length && SECTORS[i] != s) {
      i++;
    }
    sector = s == null || i >= SECTORS.length ? SECTORS[0] : SECTORS[(i + 1) % SECTORS.length];
  }

  /** Asks for a snapshot of the next analysed frame. */
  void requestSnapshot() {
    snapshot.set(true);
  }

  /** Whether a snapshot was asked for since the last call (clears the request). */
  boolean takeSnapshotRequest() {
    return snapshot.getAndSet(false);
  }

  void requestStop() {
    stop.set(true);
  }

  boolean stopRequested() {
    return stop.get();
  }

  /** {@code R3 B}, with {@code -} for what is not set. */
  String label() {
    Finger f = finger;
    Sector s = sector;
    return (f == null ? "-" : f.name()) + " " + (s == null ? "-" : s.name());
  }

  /**
   * Starts a daemon thread reading commands from the console: {@code finger R3}, {@code sector B},
   * {@code snap} (or an empty line), {@code quit} (or the end of input). Only for an interactive console: a test or a pipe
   * never has its standard input read.
   */
  void startPrompt(PrintWriter err) {
    err.println("capture: commands: finger L1-R5 | sector A-D | snap (or Enter) | quit");
    err.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    Thread t = new Thread(() -> readCommands(in, err), "nvc-capture-prompt");
    t.setDaemon(true);
    t.start();
  }

  /** Applies the commands read from {@code in} until {@code quit}, the end of input or a stop. */
  void readCommands(BufferedReader in, PrintWriter err) {
    try {
      for (String line = in.readLine(); line != null && !stopRequested(); line = in.readLine()) {
        String[] words = line.trim().split("\\s+", 2);
        String word = words[0].toLowerCase(Locale.ROOT);
        try {
          switch (word) {
            case "", "snap", "snapshot" -> requestSnapshot();
            case "finger", "f" -> finger = Finger.parse(argument(words));
            case "sector", "s" -> sector = Sector.parse(argument(words));
            case "quit", "q", "exit" -> requestStop();
            default -> throw new IllegalArgumentException("unknown command '" + words[0]
                + "', expected finger F, sector S, snap or quit");
          }
          if (!word.isEmpty() && !word.startsWith("snap") && !word.startsWith("q") && !word.equals("exit")) {
            err.println("capture: " + label());
          }
        } catch (IllegalArgumentException e) {
          err.println("capture: " + e.getMessage());
        }
        err.flush();
      }
      requestStop(); // end of input (Ctrl-D) ends the capture like 'quit'
    } catch (IOException e) {
      err.println("capture: console closed: " + e.getMessage());
    }
  }

  private static String argument(String[] words) {
    if (words.length < 2) {
      throw new IllegalArgumentException("'" + words[0] + "' needs a value, for example 'finger R3' or 'sector B'");
    }
    return words[1];
  }
}
