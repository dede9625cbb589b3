package org.giipbeam.arrowio.testing;

import java.nio.file.Path;

/** Where the shared data folder is: system property giip.shared.dir, set by the build. */
public final class SharedData {
  private SharedData() {}

  public static Path dir() {
    return Path.of(System.getProperty("giip.shared.dir", "../shared"));
  }

  public static Path ninbGlass() {
    return dir().resolve("data").resolve("ninb-glass");
  }

  /** The repository's root (system property giip.repo.dir, set by the build). */
  public static Path repo() {
    return Path.of(System.getProperty("giip.repo.dir", ".."));
  }
}
