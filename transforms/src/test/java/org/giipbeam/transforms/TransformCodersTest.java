package org.giipbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.cluster.Cut;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.junit.jupiter.api.Test;

/**
 * Beam's {@link CoderProperties} for the coders of the transforms' own element types: the
 * models (side inputs) and {@link LaeAssignment} travel with {@link SerializableCoder}, which
 * claims neither determinism nor consistency with equals (so they are never used as keys): the
 * round trip, in and out of a context, and the coder's serializability are checked, and that
 * the coder honestly refuses to be deterministic.
 */
class TransformCodersTest {

  /** Distances of points on a line: |i − j| / 2, with two clear groups. */
  private static float[] lineDistances(int n) {
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double xi = i < n / 2 ? i : i + 10;
        double xj = j < n / 2 ? j : j + 10;
        d[i * n + j] = (float) (Math.abs(xi - xj) / 2);
      }
    }
    return d;
  }

  private static <T> void checkSerializableCoder(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderSerializable(coder);
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDecodeEncodeEqualInContext(coder, Coder.Context.NESTED, value);
    assertThrows(Coder.NonDeterministicException.class, coder::verifyDeterministic);
  }

  @Test
  void clusterModel() throws Exception {
    ClusterModel m = ClusterModel.fit(lineDistances(10), 10, Cut.intoClasses(2));
    checkSerializableCoder(SerializableCoder.of(ClusterModel.class), m);
  }

  @Test
  void diffusionModel() throws Exception {
    DiffusionModel m = DiffusionMaps.fit(lineDistances(12), 12, 3.0, 2);
    checkSerializableCoder(SerializableCoder.of(DiffusionModel.class), m);
  }

  @Test
  void laeAssignment() throws Exception {
    checkSerializableCoder(SerializableCoder.of(LaeAssignment.class),
        new LaeAssignment("quench", 17, 3, 2, new double[] {0.5, -1.25}));
  }
}
