package org.giipbeam.arrowio.coders;

import org.apache.beam.sdk.coders.CustomCoder;

/**
 * A stateless coder of a data-model type whose encoding is canonical: equal values (their maps
 * kept in name order) give equal bytes, so it is deterministic and consistent with equals, and
 * two instances of the same class are equal (also after serialization).
 */
abstract class CanonicalCoder<T> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public void verifyDeterministic() {
    // Canonical encoding: checked for every coder by CoderPropertiesTest.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }
}
