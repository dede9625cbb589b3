package org.giipbeam.pipelines.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.pipelines.WriteResults;
import org.giipbeam.transforms.descriptors.LaeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom-study example runs and writes a study's results.arrow and results.csv: one row per
 * LAE of the crystal in the canonical order, its own training split, a class and four
 * coordinates for every LAE, the descriptors of the LAE, and a study's columns.
 */
class DefectCentredStudyTest {
  @TempDir Path out;

  @Test
  void writesAStudysResultsForEveryLae() throws Exception {
    Frame crystal = SampleReaders.read(SharedData.repo().resolve("examples/lj2d/lj2d.dump"), 2,
        null);
    TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.create())
        .enableAbandonedNodeEnforcement(false);
    DefectCentredStudy.build(p, crystal).apply(WriteResults.to(out));
    p.run().waitUntilFinish();

    List<LaeResult> rows = ResultsWriter.readArrow(out.resolve("results.arrow"));
    LaeBatch all = LaeSampler.sample(crystal, LaeParameters.of(1.3, 1.75));
    assertEquals(all.size(), rows.size(), "one row per LAE");
    List<LaeResult> sorted = new ArrayList<>(rows);
    sorted.sort(WriteResults.ORDER);
    assertEquals(sorted, rows, "canonical order");

    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      index.put(all.centreIds()[i], i);
    }
    Map<String, double[]> desc = LaeDescriptors.all(all);
    int training = 0;
    for (LaeResult r : rows) {
      int i = index.get(r.centreId());
      assertEquals(DefectCentredStudy.isTraining(all, i), r.training(), "split of " + r);
      training += r.training() ? 1 : 0;
      assertTrue(r.classLabel() >= 1, "class of " + r);
      assertEquals(4, r.coordinates().length);
      for (double v : r.coordinates()) {
        assertTrue(Double.isFinite(v));
      }
      assertEquals(all.centreTypes()[i], r.centreType());
      desc.forEach((name, v) -> assertEquals(v[i], r.descriptors().get(name), 0, name));
    }
    // 2457 LAEs; training: the 29 defects and every 25th of the rest.
    assertTrue(training > 100 && training < 150, "training: " + training);

    // A study's results.csv columns: keys, φ_1..φ_4, then the LAE descriptors in name order,
    // with the area strain that WriteResults adds (it needs the whole sample).
    java.util.TreeSet<String> columns = new java.util.TreeSet<>(desc.keySet());
    columns.add("area_strain");
    List<String> lines = Files.readAllLines(out.resolve("results.csv"));
    assertEquals("sample,centre_id,centre_type,training,class,phi_1,phi_2,phi_3,phi_4,"
        + String.join(",", columns), lines.get(0));
    assertEquals(rows.size() + 1, lines.size());
  }
}
