package org.giipbeam.arrowio.lae;

/**
 * How an atom's species enters its GIIP weight w = f(r) · g(species) (DESIGN §1).
 */
public enum SpeciesEncoding {
  /** g = 1 for every atom: one channel, species ignored. */
  AGNOSTIC,
  /** Binary samples: g = +1 for the first species type, −1 for the second; one channel. */
  SIGN,
  /** One channel per species type: weight f in the atom's own channel, 0 elsewhere. */
  VECTOR
}
