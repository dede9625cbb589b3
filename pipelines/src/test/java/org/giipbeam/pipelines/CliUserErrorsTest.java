package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command with bad options and inputs: each ends with its exact one-line message on
 * stderr, exit code 2, no stack trace anywhere, and no output folder left behind (the checks
 * run before any work).
 */
class CliUserErrorsTest {
  @TempDir static Path tmp;

  private static String oldHome;

  /** Placeholders in the table: the bundled crystal, the temp folder, the case's --output. */
  private static final String SAMPLE = "{SAMPLE}";
  private static final String TMP = "{TMP}";
  private static final String OUT = "{OUT}";

  @BeforeAll
  static void inputs() throws IOException {
    oldHome = System.getProperty(StudyCommands.HOME_PROPERTY);
    // demo finds its example in the installation, as bin/giip tells it.
    System.setProperty(StudyCommands.HOME_PROPERTY, SharedData.repo().toString());
    Files.writeString(tmp.resolve("malformed.yaml"), "samples: [a.dump\nrskin: 3\n");
    Files.writeString(tmp.resolve("list.yaml"), "- a.dump\n- b.dump\n");
    Files.createDirectories(tmp.resolve("not-a-study"));
    Path results = Files.createDirectories(tmp.resolve("finished"));
    List<LaeResult> rows = new ArrayList<>();
    for (String sample : List.of("fast", "slow")) {
      for (int i = 0; i < 5; i++) {
        rows.add(new LaeResult(sample, i, 1, i < 2, i % 2, new double[] {0.1 * i, -0.1 * i},
            Map.of()));
      }
    }
    ResultsWriter.writeArrow(results.resolve("results.arrow"), rows);
  }

  @AfterAll
  static void restore() {
    if (oldHome == null) {
      System.clearProperty(StudyCommands.HOME_PROPERTY);
    } else {
      System.setProperty(StudyCommands.HOME_PROPERTY, oldHome);
    }
  }

  private static Arguments bad(String message, String... args) {
    return Arguments.of(String.join(" ", args), message);
  }

  static Stream<Arguments> cases() {
    String s = "--samples=" + SAMPLE;
    String o = "--output=" + OUT;
    String radii = "--rskin/--rcut: r_cut must be finite and larger than r_skin, got r_skin 2.0,"
        + " r_cut 1.0";
    String commands = "study, analyze, extend, compare, demo, stats, help";
    return Stream.of(
        // giip itself
        bad("unknown command 'nosuch'; commands: " + commands, "nosuch"),
        bad("help: unknown command 'nosuch'; commands: " + commands, "help", "nosuch"),
        bad("Unknown option: '--bogus' (giip --help lists the commands)", "--bogus"),
        bad("compare: Unknown option: '--bogus' (giip help compare lists the options)",
            "compare", "--from=" + TMP + "/finished", "--a=fast", "--b=slow", "--bogus"),
        bad("help: Unmatched argument at index 2: 'demo' (giip help help lists the options)",
            "help", "study", "demo"),
        // study: options
        bad("unknown option --bogus (--help lists the options)", "study", s, o, "--bogus=1"),
        bad("unknown option --rskn; did you mean --rskin? (--help lists the options)",
            "study", s, o, "--rskn=2"),
        bad("--rskin: 'abc' is not a number", "study", s, o, "--rskin=abc"),
        bad("--classes: '2.5' is not an integer", "study", s, o, "--classes=2.5"),
        bad(radii, "study", s, o, "--rskin=2", "--rcut=1"),
        bad("--rskin/--rcut: r_skin must be a finite number ≥ 0, got -1.0", "study", s, o,
            "--rskin=-1"),
        bad("--sigma: σ must be a positive finite number, got 0.0", "study", s, o, "--sigma=0"),
        bad("--sigma: σ must be a positive finite number, got -0.5", "study", s, o,
            "--sigma=-0.5"),
        bad("--search must be exhaustive or fast, got 'slow'", "study", s, o, "--search=slow"),
        bad("--dimension must be 2 or 3, got 4", "study", s, o, "--dimension=4"),
        bad("--coordinates must be ≥ 1, got 0", "study", s, o, "--coordinates=0"),
        bad("--classes must be ≥ 1, got 0", "study", s, o, "--classes=0"),
        bad("--eps must be > 0, got -1", "study", s, o, "--eps=-1"),
        bad("--eps must be a number or 'auto', got big", "study", s, o, "--eps=big"),
        bad("--cut must be > 0, got 0.0", "study", s, o, "--cut=0"),
        bad("--species: sign species takes two types, e.g. sign:1,2, got sign:1", "study", s, o,
            "--species=sign:1"),
        bad("--species: must be agnostic, sign:PLUS,MINUS or vector:T1,T2,..., got charge",
            "study", s, o, "--species=charge"),
        bad("--species: the types must be integers, e.g. sign:1,2, got sign:1,Nb", "study", s,
            o, "--species=sign:1,Nb"),
        bad("--species: species types repeat: [1, 1]", "study", s, o, "--species=vector:1,1"),
        bad("--centreTypes: centre types must be atom types ≥ 1, got [0]", "study", s, o,
            "--centreTypes=0"),
        bad("--centreTypes: 'x' is not an integer (in 1,x)", "study", s, o,
            "--centreTypes=1,x"),
        bad("--trainingExtremes must be PROPERTY:K:M, e.g. c_pe:100:4900, got c_pe:100",
            "study", s, o, "--trainingExtremes=c_pe:100"),
        bad("--trainingExtremes needs K, M ≥ 0 and K + M ≥ 1", "study", s, o,
            "--trainingExtremes=c_pe:0:0"),
        bad("--trainingPerSample must be ≥ 1, got 0", "study", s, o, "--trainingPerSample=0"),
        bad("--extensionFraction must be in [0, 1], got 2.0", "study", s, o,
            "--extensionFraction=2"),
        bad("--batchSize and --tileSize must be ≥ 1", "study", s, o, "--tileSize=0"),
        // study: files
        bad("no samples: give --samples=FILE,... or a study file (--study=study.yaml)", "study",
            o),
        bad("sample file not found: " + TMP + "/missing.dump", "study",
            "--samples=" + TMP + "/missing.dump", o),
        bad("study file not found: " + TMP + "/missing.yaml", "study",
            "--study=" + TMP + "/missing.yaml", o),
        bad("study file " + TMP + "/malformed.yaml is not valid YAML/JSON: while parsing a flow"
            + " sequence", "study", "--study=" + TMP + "/malformed.yaml", o),
        bad("study file " + TMP + "/list.yaml must be a mapping of options", "study",
            "--study=" + TMP + "/list.yaml", o),
        bad("1 labels for 2 samples", "study", "--samples=" + SAMPLE + "," + SAMPLE,
            "--labels=a", o),
        bad("two samples are labelled 'lj2d': give each a distinct --labels entry", "study",
            "--samples=" + SAMPLE + "," + SAMPLE, o),
        // study: checked against the samples, still before any work
        bad("sample lj2d has 2457 LAE centres, fewer than the 5000 training LAEs asked for",
            "study", s, o, "--dimension=2", "--trainingPerSample=5000"),
        bad("sample lj2d has no atoms of centre type 7 (its types: [1])", "study", s, o,
            "--dimension=2", "--centreTypes=7"),
        bad("sample lj2d has no per-atom column 'c_ke' for the training split; it has [c_pe]",
            "study", s, o, "--dimension=2", "--trainingExtremes=c_ke:1:1"),
        // analyze
        bad("analyze needs --from=DIR, the output folder of a study", "analyze", o),
        bad("--from=" + TMP + "/not-a-study has no study.json: not the output folder of a"
            + " 'giip study' run", "analyze", "--from=" + TMP + "/not-a-study", o),
        // extend (refusals that need a finished study: StudyExtensionTest)
        bad("extend needs --from=DIR, the output folder of a finished study", "extend", s, o),
        bad("extend needs --samples=FILE,..., the new samples", "extend",
            "--from=" + TMP + "/not-a-study", o),
        bad("--from=" + TMP + "/not-a-study has no study.json: not the output folder of a"
            + " 'giip study' run", "extend", "--from=" + TMP + "/not-a-study", s, o),
        // compare
        bad("no sample labelled 'nope' in the results; labels: [fast, slow]", "compare",
            "--from=" + TMP + "/finished", "--a=fast", "--b=nope", "--output=" + OUT),
        bad("no results.arrow in " + TMP + "/not-a-study: not the output folder of a finished"
            + " study", "compare", "--from=" + TMP + "/not-a-study", "--a=fast", "--b=slow",
            "--output=" + OUT),
        bad("--plane takes two coordinates, e.g. 2,3, got [1]", "compare",
            "--from=" + TMP + "/finished", "--a=fast", "--b=slow", "--plane=1", "--output=" + OUT),
        bad("compare: Missing required option: '--b=LABEL' (giip help compare lists the"
            + " options)", "compare", "--from=" + TMP + "/finished", "--a=fast"),
        bad("compare: Invalid value for option '--plane' (I,J): 'x' is not an int (giip help"
            + " compare lists the options)", "compare", "--from=" + TMP + "/finished",
            "--a=fast", "--b=slow", "--plane=2,x"),
        // stats: the same spelling as study
        bad("sample file not found: " + TMP + "/missing.dump", "stats", TMP + "/missing.dump",
            o),
        bad("stats: no samples: give FILE ... or --samples=FILE,...", "stats", o),
        bad(radii, "stats", SAMPLE, "--dimension=2", "--rskin=2", "--rcut=1", o),
        bad("--dimension must be 2 or 3, got 4", "stats", SAMPLE, "--dimension=4", o),
        bad("--species: sign species takes two types, e.g. sign:1,2, got sign:1,2,3", "stats",
            SAMPLE, "--species=sign:1,2,3", o),
        bad("--rcut: '1,75' is not a number", "stats", SAMPLE, "--rcut=1,75", o),
        bad("stats: unknown option --eps; it takes --samples, --dimension, --rskin, --rcut,"
            + " --species, --centreTypes, --output (giip help stats)", "stats", SAMPLE,
            "--eps=1", o),
        bad("stats: write --rskin=VALUE, not --rskin VALUE", "stats", SAMPLE, "--rskin", "1.3",
            o),
        // demo: takes the options its --help lists; they win over the demo's
        bad("unknown option --bogus (--help lists the options)", "demo", "--bogus", o),
        bad("--classes must be ≥ 1, got 0", "demo", "--classes=0", o),
        bad("--sigma: σ must be a positive finite number, got 0.0", "demo", "--sigma=0", o),
        bad("--coordinates: 'many' is not an integer", "demo", "--coordinates=many", o));
  }

  @ParameterizedTest(name = "giip {0}")
  @MethodSource("cases")
  void oneLineExitCodeTwoNoOutput(String command, String message) throws IOException {
    Path out = tmp.resolve("out-" + Integer.toHexString(command.hashCode()));
    String sample = SharedData.repo().resolve("examples/lj2d/lj2d.dump").toString();
    String[] args = Arrays.stream(command.split(" "))
        .map(a -> a.replace(SAMPLE, sample).replace(TMP, tmp.toString())
            .replace(OUT, out.toString()))
        .toArray(String[]::new);
    String expected = "giip: " + message.replace(TMP, tmp.toString());

    Run r = Run.of(args);

    assertNoStackTrace(r);
    assertEquals(expected, r.err.strip(), "stderr of giip " + command);
    assertEquals(GiipCli.USER_ERROR, r.code, "exit code of giip " + command);
    assertFalse(Files.exists(out), "giip " + command + " left " + out);
  }

  @Test
  void tableCoversEveryCommand() {
    List<Arguments> all = cases().toList();
    Set<String> commands = new TreeSet<>();
    all.forEach(a -> commands.add(((String) a.get()[0]).split(" ")[0]));
    assertTrue(all.size() >= 40, "cases: " + all.size());
    assertTrue(commands.containsAll(List.of("study", "analyze", "extend", "compare", "demo",
        "stats", "help")), commands.toString());
  }

  @Test
  void debugShowsTheStackTraceOfAUserError() {
    Run r = Run.of("--debug", "study",
        "--samples=" + SharedData.repo().resolve("examples/lj2d/lj2d.dump"), "--sigma=0");
    assertEquals(GiipCli.USER_ERROR, r.code);
    assertTrue(r.err.contains("\tat org.giipbeam.pipelines.ParameterOptions"), r.err);
    List<String> lines = r.err.strip().lines().toList();
    assertEquals("giip: --sigma: σ must be a positive finite number, got 0.0",
        lines.get(lines.size() - 1));
  }

  @Test
  void anInternalErrorIsOneLineWithTheHintAndExitCodeOne() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Exception bug = new IllegalStateException("wrapped", new NullPointerException("boom"));

    assertEquals(GiipCli.INTERNAL_ERROR, GiipCli.report(bug, err, false));
    assertEquals("giip: internal error: java.lang.NullPointerException: boom (run with --debug"
        + " for the stack trace)", buf.toString(StandardCharsets.UTF_8).strip());

    buf.reset();
    assertEquals(GiipCli.INTERNAL_ERROR, GiipCli.report(bug, err, true));
    String debug = buf.toString(StandardCharsets.UTF_8);
    assertTrue(debug.contains("\tat ") && debug.contains("Caused by: java.lang."
        + "NullPointerException: boom"), debug);
  }

  @Test
  void aUserErrorInsideAPipelineIsStillAUserError() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Exception wrapped = new RuntimeException("pipeline failed",
        new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("a.dump")));
    assertEquals(GiipCli.USER_ERROR, GiipCli.report(wrapped, err, false));
    assertEquals("giip: no such file: a.dump", buf.toString(StandardCharsets.UTF_8).strip());
  }

  static void assertNoStackTrace(Run r) {
    for (String stream : List.of(r.out, r.err)) {
      assertFalse(stream.contains("\tat ") || stream.contains("Exception in thread")
          || stream.contains("Caused by:"), "a stack trace:\n" + stream);
    }
  }

  /** One in-process run of the CLI, with what it wrote to stdout and stderr. */
  record Run(int code, String out, String err) {
    static Run of(String... args) {
      PrintStream oldOut = System.out;
      PrintStream oldErr = System.err;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        code = GiipCli.run(args);
      } finally {
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
      return new Run(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }
}
