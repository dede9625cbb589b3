package org.giipbeam.gpu.cuda;

import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.plan.PreparedLaes;

/**
 * A {@link LaeBatch} in the layout the CUDA kernels read, built on the host (pure Java, so that
 * it is tested without a GPU). Padding and atoms whose weight is zero in every channel are
 * dropped (they contribute nothing); LAE i owns atoms {@code start[i] .. start[i] + count[i]}.
 *
 * <ul>
 *   <li>{@link #positions}: 4 floats per atom, (x, y, z, |x|²); z = 0 in 2D (float4 on the GPU).
 *   <li>{@link #weights}: {@code channels} floats per atom.
 *   <li>{@link #self}: ⟨A,A⟩ per LAE in double (the CPU engine's formula), used on the host for
 *       d² = ⟨A,A⟩ + ⟨B,B⟩ − 2 max C.
 * </ul>
 */
public final class PackedLaes {
  public final int dimension;
  public final int channels;
  public final int size;
  public final int[] start;
  public final int[] count;
  public final float[] positions;
  public final float[] weights;
  public final double[] self;
  /** Largest atom count of one LAE (sizes the kernel's shared memory). */
  public final int maxCount;
  /** Per LAE: the largest |x| (double), for the invariant bound. */
  public final double[] maxRadius;

  /** The host form the pair plan and the CPU engine use, from which this was packed. */
  public final PreparedLaes prepared;

  public PackedLaes(LaeBatch b, double sigma) {
    this(new PreparedLaes(b, sigma));
  }

  /**
   * The engine-neutral compaction (padding and zero-weight atoms dropped) and self products;
   * its doubles are the batch's float32 values widened, so narrowing them back is exact.
   */
  public PackedLaes(PreparedLaes p) {
    prepared = p;
    dimension = p.dimension;
    channels = p.channels;
    size = p.size;
    start = p.start;
    count = p.count;
    maxCount = p.maxCount;
    maxRadius = p.maxRadius;
    self = p.self;
    int total = p.norm2.length;
    positions = new float[4 * total];
    weights = new float[channels * total];
    for (int k = 0; k < total; k++) {
      for (int c = 0; c < dimension; c++) {
        positions[4 * k + c] = (float) p.pos[k * dimension + c];
      }
      positions[4 * k + 3] = (float) p.norm2[k];
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] = (float) p.w[k];
    }
  }

  /** Number of atoms kept over all LAEs. */
  public int atoms() {
    return positions.length / 4;
  }

  /** Σ_channels w_p w_q (double) for atom p of this and atom q of other. */
  public double weightProduct(int p, PackedLaes other, int q) {
    double sum = 0;
    for (int ch = 0; ch < channels; ch++) {
      sum += (double) weights[p * channels + ch] * other.weights[q * channels + ch];
    }
    return sum;
  }

  /** Position component c of atom k, widened. */
  public double x(int k, int c) {
    return positions[4 * k + c];
  }
}
