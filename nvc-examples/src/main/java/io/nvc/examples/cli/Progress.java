package io.nvc.examples.cli;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn in place; silent for a single item. Not thread-safe. */
final class Progress {

  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final int total;
  private final boolean enabled;
  private int done;

  Progress(PrintWriter err, int total) {
    this.err = err;
    this.total = total;
    this.enabled = total > 1;
  }

  /** Marks one more item done, naming the item just finished. */
  void step(String item) {
    done++;
    if (!enabled) {
      return;
    }
    int filled = done * WIDTH / total;
    String name = item.length() > 40 ? "..." + item.substring(item.length() - 37) : item;
    err.printf("\r[%s%s] %d/%d %-40s", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, name);
    if (done == total) {
      err.println();
    }
    err.flush();
  }
}
