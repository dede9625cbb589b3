package org.giipbeam.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.arrow.LaeBatchArrow;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.transforms.DistanceStore;
import org.giipbeam.pipelines.report.CoordinateSpectrum;
import org.giipbeam.pipelines.report.EpsilonChoice;
import org.giipbeam.pipelines.report.Exemplars;
import org.giipbeam.pipelines.report.ExplorerPage;
import org.giipbeam.pipelines.report.ReportFiles;
import org.giipbeam.pipelines.report.ReportWriter;
import org.giipbeam.pipelines.report.SampleComparison;
import org.giipbeam.pipelines.report.StudyReport;
import org.giipbeam.transforms.StudyModels;
import org.giipbeam.transforms.diffusion.CoordinateRedundancy;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/** Builds a finished study's report (plots, report.html, report.md) from its output folder. */
final class StudyReports {
  private StudyReports() {}

  static ReportFiles write(StudySpec spec, Map<String, Duration> timings) throws IOException {
    return write(spec, title(spec), spec.describe(), timings);
  }

  /** The report with its own title and settings (an extension's: {@link StudyExtension}). */
  static ReportFiles write(StudySpec spec, String title, Map<String, String> settings,
      Map<String, Duration> timings) throws IOException {
    Path dir = spec.output();
    List<LaeResult> rows = ResultsWriter.readArrow(dir.resolve(StudyFolder.RESULTS_ARROW));
    StudyModels m = StudyFolder.readModels(dir);
    DiffusionModel d = m.diffusion();
    List<Integer> nonHarmonic = Arrays.stream(
        d.nonHarmonicCoordinates(CoordinateRedundancy.DEFAULT_THRESHOLD)).boxed().toList();
    Map<String, String> params = new LinkedHashMap<>(settings);
    params.put("eps used", Double.toString(d.epsilon()));
    m.diffusion().epsilonReason().ifPresent(r -> params.put("eps choice", r));
    params.put("classes", Integer.toString(m.cluster().classCount()));
    params.put("training LAEs", Integer.toString(m.trainingSize()));
    params.put("LAEs", Integer.toString(rows.size()));
    StudyReport report = StudyReport.of(title, rows)
        .withParameters(params)
        .withSpectrum(new CoordinateSpectrum(d.eigenvalues(), d.localLinearResiduals(),
            d.polynomialR2(), nonHarmonic, d.warnings()))
        .withSweep(EpsilonChoice.of(m.sweep(), d.epsilon()));
    for (List<Integer> plane : spec.planes()) {
      report = report.withScatterPair(plane.get(0), plane.get(1));
    }
    for (SampleComparison c : comparisons(spec, d.dimension())) {
      report = report.withComparison(c);
    }
    for (Map.Entry<String, Duration> t : timings.entrySet()) {
      report = report.withTiming(t.getKey(), t.getValue());
    }
    report = report.withExemplars(exemplars(dir, rows, report.regressedCoordinates()));
    ReportFiles files = ReportWriter.write(report, dir);
    ExplorerPage.write(dir.resolve(ExplorerPage.FILE), title, rows, savedLaes(dir));
    return files;
  }

  /**
   * The exemplars of the study in {@code dir} ({@link Exemplars}), from its training LAEs and
   * training distance tiles; none for a folder without them (an extension's).
   */
  static List<Exemplars.Exemplar> exemplars(Path dir, List<LaeResult> rows,
      List<Integer> leading) throws IOException {
    DistanceStore store = DistanceStore.in(dir.resolve(StudyFolder.DISTANCES));
    Path tiles = store.dir().resolve(DistanceStore.TRAINING);
    LaeBatch training = Files.isRegularFile(store.dir().resolve(DistanceStore.TRAINING_LAES))
        ? store.trainingLaes() : null;
    if (training == null || training.size() < 2 || !Files.isDirectory(tiles)) {
      return List.of();
    }
    List<org.giipbeam.arrowio.DistanceBlock> blocks = new ArrayList<>();
    try (Stream<Path> s = Files.list(tiles)) {
      for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".arrow")).sorted()
          .toList()) {
        blocks.addAll(org.giipbeam.arrowio.arrow.DistanceBlockArrow.INSTANCE.readFile(p));
      }
    }
    if (blocks.isEmpty()) {
      return List.of();
    }
    org.giipbeam.transforms.TrainingMatrix m = org.giipbeam.transforms.TrainingMatrix.assemble(
        blocks, training.size());
    return Exemplars.of(training, m.distances(), rows, leading);
  }

  /** The LAEs the study saved (training and extension), for the explorer's drawings. */
  static List<Lae> savedLaes(Path dir) throws IOException {
    List<Lae> laes = new ArrayList<>();
    Path dist = dir.resolve(StudyFolder.DISTANCES);
    List<Path> files = new ArrayList<>();
    files.add(dist.resolve(DistanceStore.TRAINING_LAES));
    Path ext = dist.resolve(DistanceStore.EXTENSION);
    if (Files.isDirectory(ext)) {
      try (Stream<Path> s = Files.list(ext)) {
        s.filter(p -> p.getFileName().toString().endsWith(DistanceStore.LAES_SUFFIX)).sorted()
            .forEach(files::add);
      }
    }
    for (Path f : files) {
      if (Files.isRegularFile(f)) {
        for (LaeBatch b : LaeBatchArrow.INSTANCE.readFile(f)) {
          laes.addAll(b.laes());
        }
      }
    }
    return laes;
  }

  static String title(StudySpec spec) {
    List<String> labels = spec.samples().stream().map(StudySpec.Sample::label).toList();
    return "GIIP structure study of " + String.join(", ", labels);
  }

  /**
   * With sample groups: the first group against the last in the (φ_2, φ_3) plane, as the
   * paper's Fig. 3c (fastest against slowest quench); without, nothing.
   */
  static List<SampleComparison> comparisons(StudySpec spec, int k) {
    List<String> groups = new ArrayList<>();
    for (StudySpec.Sample s : spec.samples()) {
      if (!s.group().isEmpty() && !groups.contains(s.group())) {
        groups.add(s.group());
      }
    }
    if (groups.size() < 2 || k < 3) {
      return List.of();
    }
    String a = groups.get(0);
    String b = groups.get(groups.size() - 1);
    return List.of(new SampleComparison(a, labelsOf(spec, a), b, labelsOf(spec, b), 2, 3));
  }

  static List<String> labelsOf(StudySpec spec, String group) {
    return spec.samples().stream().filter(s -> s.group().equals(group))
        .map(StudySpec.Sample::label).toList();
  }
}
