package io.nvc.djl;

/**
 * Puts DJL in offline mode before any DJL class loads: {@code ai.djl.offline=true} (no model or native
 * library downloads) and {@code OPT_OUT_TRACKING=true} (no usage tracking, no probe of the cloud metadata
 * address). This class must not refer to DJL types, so that running {@link #apply()} cannot load them.
 */
final class Offline {

  private Offline() {}

  /** Sets both properties; idempotent. */
  static void apply() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }
}
