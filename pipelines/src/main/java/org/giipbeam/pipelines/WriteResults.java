package org.giipbeam.pipelines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.pipelines.report.SampleStrain;
import org.giipbeam.transforms.Gather;

/**
 * Writes a study's per-LAE results, as {@link org.giipbeam.transforms.LaeResults} makes them, to
 * {@code results.arrow} and {@code results.csv} in a folder ({@link ResultsWriter}), one row per
 * LAE in the canonical order (sample, then centre id), with the strain descriptors that need
 * the whole sample (cell volume or area against the sample mean, {@link SampleStrain}): what
 * {@code giip study} writes, for a study of one's own too.
 *
 * <pre>{@code
 * results.apply(WriteResults.to(Path.of("my-study")));   // PCollection<List<LaeResult>>
 * }</pre>
 *
 * The rows are gathered on one worker ({@link Gather}); each file is written to a temporary name
 * and renamed, so a failed run leaves no partial file.
 */
public final class WriteResults extends PTransform<PCollection<List<LaeResult>>, PDone> {
  /** The file names in the folder. */
  public static final String ARROW = "results.arrow";
  public static final String CSV = "results.csv";

  /** Canonical order of results: sample, then centre id. */
  public static final Comparator<LaeResult> ORDER = Comparator.comparing(LaeResult::sample)
      .thenComparingLong(LaeResult::centreId);

  private final String folder;
  private final TreeMap<String, String> provenance;

  private WriteResults(String folder, Map<String, String> provenance) {
    this.folder = folder;
    this.provenance = new TreeMap<>(provenance);
  }

  /** Into {@code folder} (made if needed). */
  public static WriteResults to(Path folder) {
    return new WriteResults(folder == null ? null : folder.toAbsolutePath().toString(),
        Map.of());
  }

  /**
   * Key–value provenance (parameters, settings) for the Arrow schema metadata of results.arrow
   * and the CSV's sidecar ({@link ResultsWriter}).
   */
  public WriteResults withProvenance(Map<String, String> provenance) {
    return new WriteResults(folder, provenance);
  }

  @Override
  public PDone expand(PCollection<List<LaeResult>> results) {
    if (folder == null) {
      throw new IllegalArgumentException("WriteResults needs an output folder");
    }
    results.apply("GatherResults", Gather.all())
        .apply("WriteResults", ParDo.of(new WriteFn(folder, provenance)));
    return PDone.in(results.getPipeline());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("folder", String.valueOf(folder)).withLabel("Output folder"));
  }

  /** All rows of the lists, in {@link #ORDER}. */
  static List<LaeResult> sorted(List<List<LaeResult>> lists) {
    List<LaeResult> rows = new ArrayList<>();
    lists.forEach(rows::addAll);
    rows.sort(ORDER);
    return rows;
  }

  private static final class WriteFn extends DoFn<List<List<LaeResult>>, Void> {
    private final String folder;
    private final TreeMap<String, String> provenance;

    WriteFn(String folder, TreeMap<String, String> provenance) {
      this.folder = folder;
      this.provenance = provenance;
    }

    @ProcessElement
    public void process(@Element List<List<LaeResult>> all) throws IOException {
      List<LaeResult> rows = SampleStrain.withStrain(sorted(all));
      ResultsWriter.writeArrow(Path.of(folder).resolve(ARROW), rows, provenance);
      ResultsWriter.writeCsv(Path.of(folder).resolve(CSV), rows, provenance);
    }
  }
}
