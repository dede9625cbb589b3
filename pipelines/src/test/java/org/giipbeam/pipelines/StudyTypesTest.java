package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.giipbeam.arrowio.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Element names mean the same type in every sample of a study: by default the names of all
 * samples together in alphabetical order, or as --types gives them; --frame picks a frame.
 */
class StudyTypesTest {
  @TempDir Path tmp;

  /** An extended XYZ file of a 6 × 6 × 6 cubic box with atoms of the given species. */
  static Path xyz(Path dir, String name, String... species) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int frame = 0; frame < 2; frame++) {
      sb.append(species.length).append('\n').append("Lattice=\"6 0 0 0 6 0 0 0 6\" "
          + "Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n");
      for (int i = 0; i < species.length; i++) {
        sb.append(species[i]).append(' ').append(1.5 * i + 0.1 * frame).append(" 1.0 1.0\n");
      }
    }
    Path f = dir.resolve(name);
    Files.writeString(f, sb);
    return f;
  }

  static List<Frame> frames(String... args) throws Exception {
    PipelineOptionsFactory.register(StudyOptions.class);
    StudyOptions o = PipelineOptionsFactory.fromArgs(args).as(StudyOptions.class);
    return StudySpec.from(o).readAndCheckSamples();
  }

  @Test
  void namesGetTheSameTypeInEverySample() throws Exception {
    Path both = xyz(tmp, "both.xyz", "Ni", "Nb", "Ni", "Nb");
    Path onlyNi = xyz(tmp, "ni.xyz", "Ni", "Ni", "Ni");
    String samples = "--samples=" + both + "," + onlyNi;
    // Alone, the Ni-only file would call Ni type 1; in the study, Nb = 1 and Ni = 2 everywhere.
    List<Frame> f = frames(samples, "--rskin=1", "--rcut=2", "--trainingPerSample=1",
        "--coordinates=1", "--classes=1");
    assertArrayEquals(new int[] {2, 1, 2, 1}, f.get(0).types());
    assertArrayEquals(new int[] {2, 2, 2}, f.get(1).types());
    assertEquals(Map.of(1, "Nb", 2, "Ni"), f.get(0).typeNames());
    assertEquals("Ni", f.get(1).typeNames().get(2));
    // --types gives the numbering.
    List<Frame> g = frames(samples, "--types=Ni,Nb", "--rskin=1", "--rcut=2",
        "--trainingPerSample=1", "--coordinates=1", "--classes=1");
    assertArrayEquals(new int[] {1, 2, 1, 2}, g.get(0).types());
    assertArrayEquals(new int[] {1, 1, 1}, g.get(1).types());
    // A name that --types does not list is refused, naming the file.
    Exception e = assertThrows(Exception.class, () -> frames(samples, "--types=Ni",
        "--rskin=1", "--rcut=2", "--trainingPerSample=1", "--coordinates=1", "--classes=1"));
    assertEquals(true, e.getMessage().contains("both.xyz") && e.getMessage().contains("Nb"),
        e.getMessage());
  }

  @Test
  void frameChoosesTheFrameOfEveryFile() throws Exception {
    Path both = xyz(tmp, "both.xyz", "Ni", "Nb", "Ni", "Nb");
    String[] common = {"--samples=" + both, "--rskin=1", "--rcut=2", "--trainingPerSample=1",
        "--coordinates=1", "--classes=1"};
    Frame last = frames(common).get(0);
    String[] first = java.util.Arrays.copyOf(common, common.length + 1);
    first[common.length] = "--frame=0";
    Frame zero = frames(first).get(0);
    assertEquals(0.1, last.positions()[0] - zero.positions()[0], 1e-12);
    first[common.length] = "--frame=-2";
    Exception e = assertThrows(IllegalArgumentException.class, () -> frames(first));
    assertEquals("--frame must be ≥ 0 (0 = the first frame), got -2", e.getMessage());
  }

  @Test
  void everyMakesEachChosenFrameASampleOfItsOwn() throws Exception {
    Path both = xyz(tmp, "both.xyz", "Ni", "Nb", "Ni", "Nb");
    String[] common = {"--samples=" + both, "--rskin=1", "--rcut=2", "--trainingPerSample=1",
        "--coordinates=1", "--classes=1"};
    String[] every = java.util.Arrays.copyOf(common, common.length + 1);
    every[common.length] = "--every=1";
    List<Frame> f = frames(every);
    assertEquals(List.of("both-frame0", "both-frame1"), f.stream().map(Frame::sample).toList());
    // Frame 1 is frame 0 moved by 0.1 along x (the fixture), frame by frame as in the file.
    assertEquals(0.1, f.get(1).positions()[0] - f.get(0).positions()[0], 1e-12);
    every[common.length] = "--every=2";
    assertEquals(List.of("both-frame0"), frames(every).stream().map(Frame::sample).toList());
    // n_train counts the frame samples.
    PipelineOptionsFactory.register(StudyOptions.class);
    every[common.length] = "--every=1";
    StudySpec spec = StudySpec.from(PipelineOptionsFactory.fromArgs(every).as(StudyOptions.class));
    assertEquals(2, spec.trainingSize());
    assertEquals("1", spec.distanceOptions().get("every"));
    String[] both2 = java.util.Arrays.copyOf(every, every.length + 1);
    both2[every.length] = "--frame=0";
    Exception e = assertThrows(IllegalArgumentException.class, () -> frames(both2));
    assertEquals("--frame=0 and --every=1 exclude each other: give one", e.getMessage());
    every[common.length] = "--every=-1";
    e = assertThrows(IllegalArgumentException.class, () -> frames(every));
    assertEquals("--every must be ≥ 1 (0: one frame per file), got -1", e.getMessage());
  }

  @Test
  void analyzeGivesEachFileOnceWithItsOwnLabelSoEveryChoosesTheSameFrames() {
    List<Map<String, String>> saved = List.of(
        Map.of("file", "t.dump", "label", "run-frame0", "frame", "0", "group", "g"),
        Map.of("file", "t.dump", "label", "run-frame5", "frame", "5", "group", "g"),
        Map.of("file", "u.dump", "label", "u-frame0", "frame", "0", "group", ""));
    List<Map<String, String>> files = StudyCommands.filesOfFrameSamples(saved);
    assertEquals(List.of("t.dump", "u.dump"), files.stream().map(m -> m.get("file")).toList());
    assertEquals(List.of("run", "u"), files.stream().map(m -> m.get("label")).toList());
    assertEquals(List.of("g", ""), files.stream().map(m -> m.get("group")).toList());
  }
}
