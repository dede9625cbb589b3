package org.giipbeam.pipelines;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.io.AnnotatedFrameWriter;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.io.SampleFormatException;
import org.giipbeam.gpu.lae.LaeParameters;
import org.giipbeam.gpu.lae.LaeSampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code bin/giip} launcher. */
@Command(name = "giip", mixinStandardHelpOptions = true, version = "GIIP-Beam 0.1.0",
    description = "Find the structure of disordered materials with GIIP distances.",
    subcommands = {GiipCli.Study.class, GiipCli.Analyze.class, GiipCli.Compare.class,
        GiipCli.Demo.class, GiipCli.Stats.class})
public final class GiipCli implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cl = new CommandLine(new GiipCli());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SampleFormatException || e instanceof IllegalArgumentException
          || e instanceof java.nio.file.NoSuchFileException) {
        cmd.getErr().println("giip: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 0;
  }

  /** Options that say how LAEs are cut out of a sample. */
  static final class LaeOptions {
    @Option(names = "--r-skin", description = "radius of full weight (default: ${DEFAULT-VALUE})",
        defaultValue = "3.0")
    double rSkin;

    @Option(names = "--r-cut", description = "cutoff radius (default: ${DEFAULT-VALUE})",
        defaultValue = "4.0")
    double rCut;

    @Option(names = "--sign-species", split = ",", paramLabel = "PLUS,MINUS",
        description = "sign-species weights: +1 for the first type, −1 for the second")
    int[] signSpecies;

    @Option(names = "--centre-types", split = ",", paramLabel = "TYPE",
        description = "only atoms of these types are LAE centres (default: all)")
    int[] centreTypes;

    LaeParameters parameters() {
      LaeParameters p = LaeParameters.of(rSkin, rCut);
      if (signSpecies != null) {
        if (signSpecies.length != 2) {
          throw new IllegalArgumentException("--sign-species takes two types, e.g. 1,2");
        }
        p = p.withSignSpecies(signSpecies[0], signSpecies[1]);
      }
      if (centreTypes != null) {
        p = p.withCentreTypes(centreTypes);
      }
      return p;
    }
  }

  /** Reads samples, cuts out their LAEs and reports them; writes annotated dumps. */
  static int stats(List<Path> files, int dimension, LaeParameters p, Path out, PrintWriter w)
      throws IOException {
    w.println("LAE parameters: " + p.toMap());
    if (out != null) {
      Files.createDirectories(out);
    }
    for (Path file : files) {
      long t0 = System.nanoTime();
      Frame f = SampleReaders.read(file, dimension, null);
      LaeBatch laes = LaeSampler.sample(f, p);
      w.printf("%s: %d atoms, %dD, box %s%n", file.getFileName(), f.atomCount(),
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
      w.printf("  %.2f s%n", (System.nanoTime() - t0) / 1e9);
      w.flush();
    }
    return 0;
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Read samples and report their local atomic environments.")
  static final class Stats implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "LAMMPS dumps (.dump, .gz) or extended XYZ files (.xyz, .extxyz)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--dimension", defaultValue = "3",
        description = "2 for 2D samples (z dropped) (default: ${DEFAULT-VALUE})")
    int dimension;

    @CommandLine.ArgGroup(exclusive = false)
    LaeOptions lae = new LaeOptions();

    @Option(names = "--out", description = "folder for annotated dumps (default: none)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          throw new IllegalArgumentException("no such sample file: " + f);
        }
      }
      return stats(files, dimension, lae.parameters(), out, spec.commandLine().getOut());
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Density difference of two groups of samples in a plane of diffusion"
          + " coordinates (the paper's Fig. 3c), from a finished study's results.")
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

    @Option(names = "--out", description = "the PNG to write (default: FROM/compare-A-B.png)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter w = spec.commandLine().getOut();
      List<org.giipbeam.arrowio.LaeResult> rows =
          org.giipbeam.arrowio.io.ResultsWriter.readArrow(from.resolve("results.arrow"));
      java.util.Set<String> labels = new java.util.TreeSet<>();
      rows.forEach(r -> labels.add(r.sample()));
      for (String l : a) {
        requireLabel(labels, l);
      }
      for (String l : b) {
        requireLabel(labels, l);
      }
      if (plane.length != 2) {
        throw new IllegalArgumentException("--plane takes two coordinates, e.g. 2,3");
      }
      String la = String.join("+", a);
      String lb = String.join("+", b);
      Path png = out != null ? out : from.resolve("compare-" + la + "-" + lb + ".png");
      org.giipbeam.pipelines.report.Comparisons.write(rows, a, b, plane[0], plane[1], png, w);
      return 0;
    }

    private static void requireLabel(java.util.Set<String> labels, String l) {
      if (!labels.contains(l)) {
        throw new IllegalArgumentException("no sample labelled '" + l + "' in the results;"
            + " labels: " + labels);
      }
    }
  }

  /** Beam-style options after the subcommand; --help prints them with their defaults. */
  abstract static class BeamCommand implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    abstract Path run(String[] args) throws IOException;

    abstract String usage();

    @Override
    public Integer call() throws IOException {
      if (args.contains("--help") || args.contains("-h")) {
        java.io.PrintStream out = System.out;
        out.println(usage());
        out.println();
        org.apache.beam.sdk.options.PipelineOptionsFactory.printHelp(out, StudyOptions.class);
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
    Path run(String[] a) throws IOException {
      return StudyCommands.study(a, System.out);
    }

    @Override
    String usage() {
      return "Usage: giip study [--study=study.yaml] [--samples=FILE,...] [OPTIONS]\n"
          + "Options as --name=value; any Beam runner option works too"
          + " (--runner=FlinkRunner --flinkMaster=HOST:PORT).";
    }
  }

  @Command(name = "analyze", description = "Redo clustering, diffusion map, extension and"
      + " outputs from the distances of an earlier study (--from=DIR). Options: --help.")
  static final class Analyze extends BeamCommand {
    @Override
    Path run(String[] a) throws IOException {
      return StudyCommands.analyze(a, System.out);
    }

    @Override
    String usage() {
      return "Usage: giip analyze --from=STUDY_DIR [--output=DIR] [--eps=E|auto]"
          + " [--classes=K | --cut=T] [--coordinates=N]\n"
          + "LAE and GIIP options cannot change: the distances are reused as they are.";
    }
  }

  @Command(name = "demo", description = "A whole study of the bundled example, a 2D"
      + " Lennard-Jones crystal with dislocations and a vacancy cluster (examples/lj2d), with"
      + " the paper's 2D parameters. Options: --help.")
  static final class Demo extends BeamCommand {
    @Override
    Path run(String[] a) throws IOException {
      List<String> all = new ArrayList<>(StudyCommands.DEMO);
      all.addAll(Arrays.asList(a));
      return StudyCommands.study(all.toArray(new String[0]), System.out);
    }

    @Override
    String usage() {
      return "Usage: giip demo [OPTIONS]   (runs from the repository root)\n"
          + "Defaults: " + String.join(" ", StudyCommands.DEMO);
    }
  }
}
