package org.giipbeam.arrowio.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.giipbeam.arrowio.Frame;

/**
 * Element names and the atom types they stand for, the same in every sample of a study: type 1
 * is the first name, type 2 the second, ... Either explicit ({@code --types=Ni,Nb}: Ni = 1,
 * Nb = 2) or the study-wide sorted list of the names found in all samples
 * ({@link #sorted(Collection)}), so that Ni is the same type in a file holding only Ni and in
 * one holding Nb and Ni.
 *
 * <pre>{@code
 * ElementTypes types = ElementTypes.parse("Ni,Nb");
 * Frame f = new ExtendedXyzReader().withTypes(types).read(path);  // Ni -> 1, Nb -> 2
 * // or, for names found in the samples themselves:
 * ElementTypes all = ElementTypes.sorted(namesOfEverySample);
 * Frame g = all.apply(frameReadWithItsOwnTypes);
 * }</pre>
 */
public final class ElementTypes implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;

  private ElementTypes(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("element types: no names given");
    }
    if (names.size() > SampleReader.MAX_TYPE) {
      throw new IllegalArgumentException("element types: more than " + SampleReader.MAX_TYPE);
    }
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isBlank() || !n.equals(n.strip()) || n.contains(",")) {
        throw new IllegalArgumentException("element types: bad name '" + n + "'");
      }
      if (names.indexOf(n) != i) {
        throw new IllegalArgumentException("element types: " + n + " is named twice");
      }
    }
    this.names = List.copyOf(names);
  }

  /** Type k + 1 is {@code names[k]}. */
  public static ElementTypes of(String... names) {
    return new ElementTypes(List.of(names));
  }

  /** From the command-line form {@code Ni,Nb} (type 1 = Ni, type 2 = Nb). */
  public static ElementTypes parse(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : commaSeparated.split(",", -1)) {
      out.add(s.strip());
    }
    return new ElementTypes(out);
  }

  /** The distinct names in alphabetical order: a mapping every sample of a study can share. */
  public static ElementTypes sorted(Collection<String> names) {
    return new ElementTypes(new ArrayList<>(new TreeSet<>(names)));
  }

  /** The distinct element names of some frames, in alphabetical order. */
  public static ElementTypes sortedOf(Collection<Frame> frames) {
    TreeSet<String> all = new TreeSet<>();
    for (Frame f : frames) {
      all.addAll(f.typeNames().values());
    }
    return new ElementTypes(new ArrayList<>(all));
  }

  public List<String> names() {
    return Collections.unmodifiableList(names);
  }

  /** The type of {@code name} (1-based), or 0 when it is not one of the names. */
  public int typeOf(String name) {
    return names.indexOf(name) + 1;
  }

  /** The name of type t (1-based). */
  public String nameOf(int type) {
    return names.get(type - 1);
  }

  /**
   * The frame with its types renumbered by their names; every type of the frame must have a
   * name ({@link Frame#typeNames()}) found here. Errors name the first atom of the type; atom i
   * is on line {@code firstAtomLine + i} of {@code file} (0: not tied to lines).
   */
  public Frame apply(Frame f, String file, long firstAtomLine) throws SampleFormatException {
    Map<Integer, String> own = f.typeNames();
    int[] types = f.types();
    int max = 0;
    for (int t : types) {
      max = Math.max(max, t);
    }
    int[] mapped = new int[max + 1];
    int[] out = new int[types.length];
    for (int i = 0; i < types.length; i++) {
      int t = types[i];
      if (mapped[t] == 0) {
        long line = firstAtomLine > 0 ? firstAtomLine + i : 0;
        String name = own.get(t);
        if (name == null) {
          throw new SampleFormatException(file, line, Integer.toString(t), "type " + t
              + " has no element name, so the element types " + this + " cannot map it");
        }
        int m = typeOf(name);
        if (m == 0) {
          throw new SampleFormatException(file, line, name,
              "element not in the element types " + this);
        }
        mapped[t] = m;
      }
      out[i] = mapped[t];
    }
    Frame.Builder fresh = Frame.builder().sample(f.sample()).source(f.source())
        .timestep(f.timestep()).box(f.box()).atoms(f.ids(), out, f.positions());
    f.properties().forEach(fresh::property);
    for (int t = 1; t <= max; t++) {
      if (mapped[t] != 0) {
        fresh.typeName(mapped[t], nameOf(mapped[t]));
      }
    }
    return fresh.build();
  }

  /** The frame renumbered by name (a frame made in memory, or read without line numbers). */
  public Frame apply(Frame f) throws SampleFormatException {
    return apply(f, f.source().isEmpty() ? f.sample() : f.source(), 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElementTypes e && e.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  /** The command-line form, e.g. {@code Ni,Nb}. */
  @Override
  public String toString() {
    return String.join(",", names);
  }
}
