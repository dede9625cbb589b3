package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One atomistic snapshot: a sample label, its {@link Box}, and per atom an id, a type (a
 * positive integer, as in LAMMPS), a position and any extra named per-atom columns (potential
 * energy, charge, ...). Positions are Cartesian, stored flat as {@code positions[atom * d + k]}.
 *
 * <p>Immutable by convention: the accessors return the arrays themselves for speed; callers must
 * not modify them.
 */
public final class Frame implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String sample;
  private final String source;
  private final long timestep;
  private final Box box;
  private final long[] ids;
  private final int[] types;
  private final double[] positions;
  private final LinkedHashMap<String, double[]> properties;
  private final TreeMap<Integer, String> typeNames;

  private Frame(Builder b) {
    this.sample = b.sample;
    this.source = b.source;
    this.timestep = b.timestep;
    this.box = b.box;
    this.ids = b.ids;
    this.types = b.types;
    this.positions = b.positions;
    this.properties = new LinkedHashMap<>(b.properties);
    this.typeNames = new TreeMap<>(b.typeNames);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A copy of this frame with another sample label. */
  public Frame withSample(String label) {
    return toBuilder().sample(label).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder().sample(sample).source(source).timestep(timestep).box(box)
        .atoms(ids, types, positions);
    properties.forEach(b::property);
    typeNames.forEach(b::typeName);
    return b;
  }

  public String sample() {
    return sample;
  }

  /** Where the frame was read from (a file name), or "" when it was made in memory. */
  public String source() {
    return source;
  }

  public long timestep() {
    return timestep;
  }

  public Box box() {
    return box;
  }

  public int dimension() {
    return box.dimension();
  }

  public int atomCount() {
    return ids.length;
  }

  public long[] ids() {
    return ids;
  }

  public int[] types() {
    return types;
  }

  public double[] positions() {
    return positions;
  }

  public double position(int atom, int k) {
    return positions[atom * box.dimension() + k];
  }

  /** Extra per-atom columns by name, in file order. */
  public Map<String, double[]> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /** The column, or null. */
  public double[] property(String name) {
    return properties.get(name);
  }

  /** Names of types where the file gave them (e.g. "Ni" for type 1 of an extended XYZ file). */
  public Map<Integer, String> typeNames() {
    return Collections.unmodifiableMap(typeNames);
  }

  /** The distinct types present, ascending. */
  public int[] distinctTypes() {
    return Arrays.stream(types).distinct().sorted().toArray();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Frame)) {
      return false;
    }
    Frame f = (Frame) o;
    if (!(sample.equals(f.sample) && source.equals(f.source) && timestep == f.timestep
        && box.equals(f.box) && Arrays.equals(ids, f.ids) && Arrays.equals(types, f.types)
        && Arrays.equals(positions, f.positions) && typeNames.equals(f.typeNames)
        && properties.keySet().equals(f.properties.keySet()))) {
      return false;
    }
    for (Map.Entry<String, double[]> e : properties.entrySet()) {
      if (!Arrays.equals(e.getValue(), f.properties.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return sample.hashCode() * 31 + Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return "Frame[" + sample + ", " + atomCount() + " atoms, " + box.dimension() + "D, "
        + box + "]";
  }

  /** Builds a {@link Frame}, checking that every array matches the atom count. */
  public static final class Builder {
    private String sample = "";
    private String source = "";
    private long timestep;
    private Box box;
    private long[] ids;
    private int[] types;
    private double[] positions;
    private final LinkedHashMap<String, double[]> properties = new LinkedHashMap<>();
    private final TreeMap<Integer, String> typeNames = new TreeMap<>();

    public Builder sample(String label) {
      this.sample = label;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder timestep(long timestep) {
      this.timestep = timestep;
      return this;
    }

    public Builder box(Box box) {
      this.box = box;
      return this;
    }

    /** Atom ids, positive types and flat Cartesian positions (n × d). */
    public Builder atoms(long[] ids, int[] types, double[] positions) {
      this.ids = ids;
      this.types = types;
      this.positions = positions;
      return this;
    }

    public Builder property(String name, double[] values) {
      properties.put(name, values);
      return this;
    }

    public Builder typeName(int type, String name) {
      typeNames.put(type, name);
      return this;
    }

    public Frame build() {
      if (sample == null || source == null) {
        throw new IllegalArgumentException("sample label and source must not be null");
      }
      if (box == null || ids == null || types == null || positions == null) {
        throw new IllegalArgumentException("a frame needs a box, ids, types and positions");
      }
      int n = ids.length;
      if (types.length != n || positions.length != n * box.dimension()) {
        throw new IllegalArgumentException("ids (" + n + "), types (" + types.length
            + ") and positions (" + positions.length + " values for " + box.dimension()
            + "D) do not match");
      }
      for (int t : types) {
        if (t <= 0) {
          throw new IllegalArgumentException("atom types must be positive, got " + t);
        }
      }
      for (Map.Entry<String, double[]> e : properties.entrySet()) {
        if (e.getValue().length != n) {
          throw new IllegalArgumentException("property " + e.getKey() + " has "
              + e.getValue().length + " values for " + n + " atoms");
        }
      }
      return new Frame(this);
    }
  }
}
