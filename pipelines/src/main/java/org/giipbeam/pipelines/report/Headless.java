package org.giipbeam.pipelines.report;

/**
 * Makes AWT run without a display: study plots are drawn on cluster workers and CI machines
 * that have none. Must run before the first AWT class initialises, hence a static call from
 * every class of this package that draws.
 */
final class Headless {
  private Headless() {}

  static {
    // Respect an explicit choice of whoever started the JVM; otherwise never open a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Forces the static initialiser above. */
  static void ensure() {}
}
