package org.giipbeam.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.io.AnnotatedFrameWriter;
import org.giipbeam.arrowio.io.SampleFormat;
import org.giipbeam.arrowio.io.SampleFormatException;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code bin/giip} launcher: {@code study}, {@code analyze}, {@code extend},
 * {@code compare}, {@code demo},
 * {@code stats} and {@code help CMD}; {@code --version} and {@code --help} on every command.
 *
 * <p>A user error (a bad option, file or value) ends with one line {@code giip: ...} on stderr
 * and exit code 2; anything else with one line, the hint to rerun with {@code --debug} (which
 * prints the stack trace, anywhere on the command line) and exit code 1. Logging: warnings only,
 * and this project's own progress lines; {@code --debug} shows every library's INFO too.
 */
@Command(name = "giip", mixinStandardHelpOptions = true, versionProvider = GiipCli.Version.class,
    description = "Find the structure of disordered materials with GIIP distances.",
    subcommands = {GiipCli.Study.class, GiipCli.Analyze.class, GiipCli.Extend.class,
        GiipCli.Compare.class,
        GiipCli.Demo.class, GiipCli.Stats.class, GiipCli.Help.class},
    footer = {"", "giip help CMD (or giip CMD --help) lists a command's options.",
        "--debug anywhere: stack traces and every library's log messages."})
public final class GiipCli implements Callable<Integer> {
  /** Exit code of a user error: a bad option, file or value. */
  static final int USER_ERROR = 2;
  /** Exit code of anything else. */
  static final int INTERNAL_ERROR = 1;

  public static void main(String[] args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    configureLogging(debug);
    System.exit(run(args));
  }

  /** Runs one command line; returns its exit code. Output to System.out, errors to System.err. */
  static int run(String... args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean debug = rest.removeIf("--debug"::equals);
    PrintStream err = System.err;
    try {
      CommandLine cl = new CommandLine(new GiipCli());
      cl.setOut(new PrintWriter(System.out, true));
      cl.setErr(new PrintWriter(err, true));
      cl.setParameterExceptionHandler((e, a) -> {
        if (debug) {
          e.printStackTrace(err);
        }
        err.println("giip: " + parameterMessage(e));
        return USER_ERROR;
      });
      cl.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, err, debug));
      return cl.execute(rest.toArray(new String[0]));
    } catch (Throwable e) {
      return report(e, err, debug);
    } finally {
      System.out.flush();
      err.flush();
    }
  }

  /**
   * Reports a failure in one line (with its stack trace first under {@code --debug}); returns
   * the exit code: {@link #USER_ERROR} for a user error, {@link #INTERNAL_ERROR} otherwise.
   */
  static int report(Throwable e, PrintStream err, boolean debug) {
    if (debug) {
      e.printStackTrace(err);
    }
    String user = userMessage(e);
    if (user != null) {
      err.println("giip: " + user);
      return USER_ERROR;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = root instanceof OutOfMemoryError
        ? "out of memory (" + oneLine(root.getMessage()) + "); give the JVM more with"
            + " GIIP_JAVA_OPTS=-Xmx16g (bin/giip's default is -Xmx4g)"
        : "internal error: " + root.getClass().getName()
            + (root.getMessage() == null ? "" : ": " + oneLine(root.getMessage()));
    err.println("giip: " + what + (debug ? "" : " (run with --debug for the stack trace)"));
    return INTERNAL_ERROR;
  }

  /**
   * The one-line message of a user error anywhere in {@code e}'s causes (a pipeline wraps what
   * its steps throw), or null when it is none: bad values ({@link IllegalArgumentException}),
   * bad files ({@link SampleFormatException}), missing or unreadable paths.
   */
  static String userMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IllegalArgumentException || t instanceof SampleFormatException) {
        return oneLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      }
      if (t instanceof java.nio.file.NoSuchFileException f) {
        return "no such file: " + f.getFile();
      }
      if (t instanceof java.nio.file.AccessDeniedException f) {
        return "permission denied: " + f.getFile();
      }
      if (t instanceof java.nio.file.FileAlreadyExistsException f) {
        return "already exists: " + f.getFile();
      }
      if (t instanceof java.nio.file.NotDirectoryException f) {
        return "not a folder: " + f.getFile();
      }
      if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
        return f.getFile() + ": " + f.getReason();
      }
    }
    return null;
  }

  private static String parameterMessage(CommandLine.ParameterException e) {
    CommandLine cmd = e.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName(" ");
    if (e instanceof CommandLine.UnmatchedArgumentException u && cmd.getParent() == null
        && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
      return "unknown command '" + u.getUnmatched().get(0) + "'; commands: "
          + String.join(", ", cmd.getSubcommands().keySet());
    }
    return cmd.getParent() == null
        ? oneLine(e.getMessage()) + " (giip --help lists the commands)"
        : cmd.getCommandName() + ": " + oneLine(e.getMessage()) + " (giip help "
            + cmd.getCommandName() + " lists the options)";
  }

  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Quiet logging for a command-line run, all through slf4j: warnings, and INFO of this project
   * only; {@code debug}: INFO of every library. System properties already set win. Logging is
   * for diagnostics; what a command tells its user (its summary lines, notes, the progress
   * line, the one-line error) is console output, not log.
   */
  static void configureLogging(boolean debug) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", debug ? "info" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.giipbeam", "info");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", Boolean.toString(debug));
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
    // Libraries that log through java.util.logging (the gRPC inside Beam) go through slf4j as
    // well, so one configuration and one format cover every log line; a JUL configuration the
    // user gave is left alone.
    if (System.getProperty("java.util.logging.config.file") == null
        && System.getProperty("java.util.logging.config.class") == null
        && !SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** {@code --version}: the project version the build wrote into a resource. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"giip (GIIP-Beam) " + version()};
    }

    static String version() {
      Properties p = new Properties();
      try (InputStream in = GiipCli.class.getResourceAsStream("giip-version.properties")) {
        if (in == null) {
          throw new IllegalStateException("giip-version.properties is missing from the"
              + " classpath (the build filters it into the jar)");
        }
        p.load(in);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return p.getProperty("version");
    }
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 0;
  }

  /** {@code giip help [CMD]}: the same text as {@code giip CMD --help}. */
  @Command(name = "help", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Print the options of a command (the same as giip CMD --help).")
  static final class Help implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "CMD", description = "the command")
    String command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      CommandLine top = spec.commandLine().getParent();
      if (command == null) {
        top.usage(System.out);
        return 0;
      }
      CommandLine sub = top.getSubcommands().get(command);
      if (sub == null) {
        throw new IllegalArgumentException("help: unknown command '" + command
            + "'; commands: " + String.join(", ", top.getSubcommands().keySet()));
      }
      if (sub.getCommand() instanceof BeamCommand b) {
        b.printHelp(System.out);
      } else {
        sub.usage(System.out);
      }
      return 0;
    }
  }

  /**
   * Reads samples, cuts out their LAEs and reports them; writes annotated dumps into {@code out}
   * when it is not null. Every sample is read (and so checked) before anything is written.
   */
  static int stats(List<Path> files, int dimension, LaeParameters p, Path out, PrintWriter w)
      throws IOException {
    List<Frame> frames = new ArrayList<>();
    for (Path file : files) {
      frames.add(SampleReaders.read(file, dimension, null));
    }
    w.println("LAE parameters: " + p.toMap());
    if (out != null) {
      Files.createDirectories(out);
    }
    for (int k = 0; k < frames.size(); k++) {
      long t0 = System.nanoTime();
      Frame f = frames.get(k);
      LaeBatch laes = LaeSampler.sample(f, p);
      w.printf("%s: %d atoms, %dD, box %s%n", files.get(k).getFileName(), f.atomCount(),
          f.dimension(), f.box());
      w.print(LaeStatistics.of(f.sample(), laes).describe());
      if (out != null) {
        Map<Long, Integer> row = new LinkedHashMap<>();
        for (int i = 0; i < laes.size(); i++) {
          row.put(laes.centreIds()[i], i);
        }
        double[] neighbours = new double[f.atomCount()];
        double[] coordination = new double[f.atomCount()];
        double[] lae = new double[f.atomCount()];
        for (int a = 0; a < f.atomCount(); a++) {
          Integer i = row.get(f.ids()[a]);
          if (i != null) {
            lae[a] = 1;
            neighbours[a] = laes.neighbourCounts()[i];
            coordination[a] = laes.coordination()[i];
          }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("lae", lae);
        cols.put("neighbours", neighbours);
        cols.put("coordination", coordination);
        Path dump = out.resolve(f.sample() + "-lae.dump");
        AnnotatedFrameWriter.writeLammpsDump(dump, f, cols);
        w.printf("  wrote %s (per-atom neighbours and coordination, for OVITO)%n", dump);
      }
      w.printf(Locale.ROOT, "  %.2f s%n", (System.nanoTime() - t0) / 1e9);
      w.flush();
    }
    return 0;
  }

  @Command(name = "stats", description = "Read samples and report their local atomic"
      + " environments (LAE options spelled as in study). Options: --help.")
  static final class Stats extends BeamCommand {
    /** The options stats takes: the LAE options of a study, the samples and the output. */
    static final List<String> OPTIONS = concat(List.of("samples"), ParameterOptions.LAE_OPTIONS,
        List.of("output"));

    @Override
    void run(String[] a) throws IOException {
      List<String> files = new ArrayList<>();
      List<String> options = new ArrayList<>();
      for (String s : a) {
        if (s.startsWith("--") && !s.contains("=")) {
          throw new IllegalArgumentException("stats: write " + s + "=VALUE, not " + s
              + " VALUE");
        }
        (s.startsWith("--") ? options : files).add(s);
      }
      for (String name : StudyFile.explicitNames(options.toArray(new String[0]))) {
        if (!OPTIONS.contains(name)) {
          throw new IllegalArgumentException("stats: unknown option --" + name + "; it takes "
              + OPTIONS.stream().map(n -> "--" + n).collect(Collectors.joining(", "))
              + " (giip help stats)");
        }
      }
      StudyOptions o = StudyCommands.options(options.toArray(new String[0]));
      if (o.getSamples() != null) {
        o.getSamples().stream().filter(f -> !f.isBlank()).forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("stats: no samples: give FILE ... or"
            + " --samples=FILE,...");
      }
      List<Path> paths = new ArrayList<>();
      for (String f : files) {
        Path p = Path.of(f);
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("sample file not found: " + p);
        }
        paths.add(p);
      }
      int dimension = ParameterOptions.dimension(o);
      LaeParameters lae = ParameterOptions.lae(o);
      Path out = null;
      if (StudyFile.explicitNames(options.toArray(new String[0])).contains("output")) {
        out = Path.of(o.getOutput());
        if (Files.exists(out) && !Files.isDirectory(out)) {
          throw new IllegalArgumentException("--output names a file, not a folder: " + out);
        }
      }
      PrintWriter w = new PrintWriter(System.out, true);
      stats(paths, dimension, lae, out, w);
    }

    @Override
    String usage() {
      return "Usage: giip stats [OPTIONS] FILE...\n"
          + "Reports each sample's LAEs (neighbours, coordination, composition); with --output"
          + " also writes FILE-lae.dump with per-atom neighbours and coordination for OVITO.\n"
          + "FILE: " + SampleFormat.HELP;
    }

    @Override
    void printOptions(PrintStream out) {
      out.println("Options (as in giip study; --output has no default here: no files):");
      out.println();
      for (String name : OPTIONS) {
        out.print(StudyCommands.describeOption(name));
      }
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Density difference of two groups of samples in a plane of diffusion"
          + " coordinates (the paper's Fig. 3c) with a permutation test and region means, and"
          + " the groups' partial RDFs centred on their LAE centres (Fig. 3a), from a finished"
          + " study's results.")
  static final class Compare implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "the study's output folder")
    Path from;

    @Option(names = "--a", required = true, split = ",", paramLabel = "LABEL",
        description = "samples of group A (labels)")
    List<String> a;

    @Option(names = "--b", required = true, split = ",", paramLabel = "LABEL",
        description = "samples of group B (labels)")
    List<String> b;

    @Option(names = "--plane", split = ",", defaultValue = "2,3", paramLabel = "I,J",
        description = "the coordinates φ_I, φ_J of the plane (default: ${DEFAULT-VALUE})")
    int[] plane;

    @Option(names = "--output",
        description = "the PNG to write (default: FROM/compare-A-B.png)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter w = spec.commandLine().getOut();
      if (plane.length != 2) {
        throw new IllegalArgumentException("--plane takes two coordinates, e.g. 2,3, got "
            + Arrays.toString(plane));
      }
      Path results = from.resolve(StudyFolder.RESULTS_ARROW);
      if (!Files.isRegularFile(results)) {
        throw new IllegalArgumentException("no results.arrow in " + from
            + ": not the output folder of a finished study");
      }
      List<org.giipbeam.arrowio.LaeResult> rows =
          org.giipbeam.arrowio.io.ResultsWriter.readArrow(results);
      java.util.Set<String> labels = new java.util.TreeSet<>();
      rows.forEach(r -> labels.add(r.sample()));
      for (String l : a) {
        requireLabel(labels, l);
      }
      for (String l : b) {
        requireLabel(labels, l);
      }
      String la = String.join("+", a);
      String lb = String.join("+", b);
      Path png = out != null ? out : from.resolve("compare-" + la + "-" + lb + ".png");
      org.giipbeam.pipelines.report.Comparisons.write(rows, a, b, plane[0], plane[1], png, w);
      List<Frame> frames = annotatedFrames(from, a, b);
      if (frames != null) {
        double rMax = 2 * rCut(from);
        for (Frame f : frames) {
          rMax = Math.min(rMax, org.giipbeam.pipelines.report.PartialRdf.maxRadius(f));
        }
        org.giipbeam.pipelines.report.Comparisons.writeRdf(rows, frames, a, b, rMax, png, w);
      } else {
        w.println("  no annotated samples in " + from.resolve(StudyFolder.ANNOTATED)
            + ": partial RDFs not drawn");
      }
      return 0;
    }

    /**
     * The annotated samples of the groups, as the study wrote them (every atom, its type and
     * the box), or null when the folder has none.
     */
    @SuppressWarnings("unchecked")
    static List<Frame> annotatedFrames(Path from, List<String> a, List<String> b)
        throws IOException {
      Map<String, Object> saved = StudyFolder.readStudyJson(from);
      int dimension = Integer.parseInt(((Map<String, String>) saved.get("distanceOptions"))
          .getOrDefault("dimension", "3"));
      List<Frame> frames = new ArrayList<>();
      for (String label : new java.util.LinkedHashSet<>(concat(a, b, List.of()))) {
        Path dump = from.resolve(StudyFolder.ANNOTATED).resolve(
            org.giipbeam.transforms.DistanceStore.fileName(label) + ".dump");
        if (!Files.isRegularFile(dump)) {
          return null;
        }
        frames.add(new org.giipbeam.arrowio.io.LammpsDumpReader().withDimension(dimension)
            .withSample(label).read(dump));
      }
      return frames;
    }

    /** The study's r_cut, from its study.json. */
    @SuppressWarnings("unchecked")
    static double rCut(Path from) throws IOException {
      Map<String, Object> saved = StudyFolder.readStudyJson(from);
      return Double.parseDouble(((Map<String, String>) saved.get("distanceParameters"))
          .get("lae.rCut"));
    }

    private static void requireLabel(java.util.Set<String> labels, String l) {
      if (!labels.contains(l)) {
        throw new IllegalArgumentException("no sample labelled '" + l + "' in the results;"
            + " labels: " + labels);
      }
    }
  }

  /**
   * A command whose options are Beam {@link StudyOptions} ({@code --name=value}), parsed after
   * the command name; {@code --help} prints them with their defaults, {@code --version} the
   * version.
   */
  abstract static class BeamCommand implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    abstract void run(String[] args) throws IOException;

    abstract String usage();

    /** The options part of {@code --help}: every study option (and Beam's own) by default. */
    void printOptions(PrintStream out) {
      org.apache.beam.sdk.options.PipelineOptionsFactory.printHelp(out, StudyOptions.class);
    }

    final void printHelp(PrintStream out) {
      out.println(usage());
      out.println();
      printOptions(out);
      out.flush();
    }

    @Override
    public Integer call() throws IOException {
      if (args.contains("--help") || args.contains("-h")) {
        printHelp(System.out);
        return 0;
      }
      if (args.contains("--version") || args.contains("-V")) {
        System.out.println(new Version().getVersion()[0]);
        return 0;
      }
      run(args.toArray(new String[0]));
      return 0;
    }
  }

  @Command(name = "study", description = "Run a structure study: LAEs, GIIP distances,"
      + " classes, diffusion coordinates, outputs. Options: --help.")
  static final class Study extends BeamCommand {
    @Override
    void run(String[] a) throws IOException {
      StudyCommands.study(a, System.out);
    }

    @Override
    String usage() {
      return "Usage: giip study [--study=study.yaml] [--samples=FILE,...] [OPTIONS]\n"
          + "Options as --name=value (given twice, the later wins); any Beam runner option works"
          + " too (--runner=FlinkRunner --flinkMaster=HOST:PORT).";
    }
  }

  @Command(name = "analyze", description = "Redo clustering, diffusion map, extension and"
      + " outputs from the distances of an earlier study (--from=DIR). Options: --help.")
  static final class Analyze extends BeamCommand {
    @Override
    void run(String[] a) throws IOException {
      StudyCommands.analyze(a, System.out);
    }

    @Override
    String usage() {
      return "Usage: giip analyze --from=STUDY_DIR [--output=DIR] [--eps=E|auto]"
          + " [--classes=K | --cut=T] [--coordinates=N]\n"
          + "LAE and GIIP options cannot change: the distances are reused as they are.";
    }
  }

  @Command(name = "extend", description = "Put the LAEs of new samples on a finished study's"
      + " classes and diffusion coordinates (--from=DIR), from their distances to its training"
      + " LAEs. Options: --help.")
  static final class Extend extends BeamCommand {
    @Override
    void run(String[] a) throws IOException {
      StudyExtension.extend(a, System.out);
    }

    @Override
    String usage() {
      return "Usage: giip extend --from=STUDY_DIR --samples=FILE,... [--labels=...]"
          + " [--groups=...] [--output=DIR] [--extensionFraction=F]\n"
          + "Every LAE of the new samples gets the class of its nearest training LAE of the"
          + " study and its Nyström coordinates; nothing is refitted. The LAE/GIIP options are"
          + " the study's (giving others is refused); ε, classes, coordinates and the training"
          + " split cannot be given. Output (default STUDY_DIR-extend-LABELS, beside the"
          + " study): results, annotated samples, maps, report, as a study writes them.";
    }
  }

  @Command(name = "demo", description = "A whole study of the bundled example, a 2D"
      + " Lennard-Jones crystal with dislocations and a vacancy cluster (examples/lj2d), with"
      + " the paper's 2D parameters. Options: --help.")
  static final class Demo extends BeamCommand {
    @Override
    void run(String[] a) throws IOException {
      StudyCommands.study(StudyCommands.demoArgs(a), System.out);
    }

    @Override
    String usage() {
      return "Usage: giip demo [OPTIONS]\n"
          + "Runs from any folder: the example is found in the installation, the output goes to"
          + " giip-out/demo in the current folder. Any study option overrides the demo's.\n"
          + "Defaults: " + String.join(" ", StudyCommands.demoArgs(new String[0]));
    }
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return List.copyOf(all);
  }
}
