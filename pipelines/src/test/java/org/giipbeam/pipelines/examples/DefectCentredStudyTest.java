package org.giipbeam.pipelines.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.transforms.LaeAssignment;
import org.junit.jupiter.api.Test;

/** The custom-pipeline example compiles and runs, and gives every extension LAE its results. */
class DefectCentredStudyTest {
  @Test
  void everyExtensionLaeGetsAClassAndFourCoordinates() throws Exception {
    Frame crystal = SampleReaders.read(SharedData.repo().resolve("examples/lj2d/lj2d.dump"), 2,
        null);
    TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.create())
        .enableAbandonedNodeEnforcement(false);
    PAssert.that(DefectCentredStudy.build(p, crystal)).satisfies(all -> {
      Map<Long, Integer> classes = new HashMap<>();
      Map<Long, double[]> coords = new HashMap<>();
      for (LaeAssignment a : all) {
        if (a.clusterClass() > 0) {
          classes.put(a.centreId(), a.clusterClass());
        } else {
          coords.put(a.centreId(), a.coordinates());
        }
      }
      // 2457 LAEs; training: the 29 defects and every 25th of the rest.
      assertTrue(classes.size() > 2300 && classes.size() < 2400, "extension: " + classes.size());
      assertEquals(classes.keySet(), coords.keySet());
      for (double[] c : coords.values()) {
        assertEquals(4, c.length);
        for (double v : c) {
          assertTrue(Double.isFinite(v));
        }
      }
      return null;
    });
    p.run().waitUntilFinish();
  }
}
