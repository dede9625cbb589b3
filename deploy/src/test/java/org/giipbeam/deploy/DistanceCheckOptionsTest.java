package org.giipbeam.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distance check takes the study's LAE options through the same mapping: --centreTypes and
 * --species change what it computes (they were silently ignored). On a simple cubic crystal of
 * two alternating types every LAE has the same geometry, so species-agnostic distances are all
 * 0, while with sign species a type-1 and a type-2 centre see opposite signs: d > 0.
 */
class DistanceCheckOptionsTest {
  @TempDir static Path tmp;
  private static Path dump;
  private static final Map<Long, Integer> TYPES = new HashMap<>();

  @BeforeAll
  static void crystal() throws IOException {
    int n = 4;
    double a = 1.5;
    StringBuilder sb = new StringBuilder("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n"
        + n * n * n + "\nITEM: BOX BOUNDS pp pp pp\n");
    for (int d = 0; d < 3; d++) {
      sb.append("0 ").append(n * a).append('\n');
    }
    sb.append("ITEM: ATOMS id type x y z\n");
    long id = 1;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          int type = (i + j + k) % 2 + 1;
          TYPES.put(id, type);
          sb.append(id++).append(' ').append(type).append(' ').append(i * a).append(' ')
              .append(j * a).append(' ').append(k * a).append('\n');
        }
      }
    }
    dump = tmp.resolve("sc.dump");
    Files.writeString(dump, sb.toString());
  }

  /** Lines "T|E sample centreId column distance" of a run with these extra options. */
  private static List<String[]> run(String name, String... extra) throws IOException {
    Path out = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--samples=" + dump,
        "--rskin=1.0", "--rcut=2.0", "--sigma=0.5", "--trainingPerSample=6",
        "--output=" + out));
    args.addAll(List.of(extra));
    DistanceCheckPipeline.Options o = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .withValidation().as(DistanceCheckPipeline.Options.class);
    assertEquals(PipelineResult.State.DONE,
        DistanceCheckPipeline.build(o).run().waitUntilFinish());
    List<String[]> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("distances"))
          .toList()) {
        Files.readAllLines(f).forEach(l -> lines.add(l.split(" ")));
      }
    }
    assertFalse(lines.isEmpty(), name + ": no distances");
    return lines;
  }

  @Test
  void centreTypesAreHonoured() throws IOException {
    List<String[]> lines = run("centres", "--centreTypes=2");
    java.util.Set<Long> centres = new java.util.TreeSet<>();
    for (String[] l : lines) {
      assertEquals(2, TYPES.get(Long.parseLong(l[2])), String.join(" ", l));
      centres.add(Long.parseLong(l[2]));
    }
    // Every type-2 atom is a centre (6 training, 26 extension), and no type-1 atom.
    assertEquals(32, centres.size());
    double agnostic = lines.stream().mapToDouble(l -> Double.parseDouble(l[4])).max()
        .orElseThrow();
    assertTrue(agnostic < 1e-3, "agnostic: every LAE alike, largest d " + agnostic);
  }

  @Test
  void signSpeciesAreHonoured() throws IOException {
    double sign = run("sign", "--species=sign:1,2").stream()
        .mapToDouble(l -> Double.parseDouble(l[4])).max().orElseThrow();
    // Six neighbours at r = 1.5, fade weight f(1.5) = 0.5, so ⟨A,A⟩ ≥ 6 · 0.5² = 1.5. A type-2
    // centre's LAE is B = −A: d² = 2⟨A,A⟩ + 2 min_R ⟨A,RA⟩ ≥ 2⟨A,A⟩ ≥ 3 (all terms ≥ 0); the
    // same LAEs species-agnostic are at d = 0 (centreTypesAreHonoured).
    assertTrue(sign > Math.sqrt(3) - 1e-3, "sign species: largest d " + sign);
  }
}
