package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Which LAE a row is about: its sample and its centre atom's id. Written {@code sample#id}
 * everywhere a person reads it (messages, logs); ordered by sample, then id.
 */
public record LaeKey(String sample, long centreId) implements Serializable, Comparable<LaeKey> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<LaeKey> ORDER =
      Comparator.comparing(LaeKey::sample).thenComparingLong(LaeKey::centreId);

  public LaeKey {
    Objects.requireNonNull(sample, "sample");
  }

  @Override
  public int compareTo(LaeKey o) {
    return ORDER.compare(this, o);
  }

  /** {@code sample#centreId}. */
  @Override
  public String toString() {
    return sample + "#" + centreId;
  }
}
