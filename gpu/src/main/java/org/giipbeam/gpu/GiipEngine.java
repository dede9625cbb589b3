package org.giipbeam.gpu;

import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;

/**
 * Computes orientation-invariant GIIP distances between LAEs (Hardin et al. 2022, Eqns 9, 10,
 * 13):
 *
 * <pre>
 *   ⟨A,B⟩ = Σ_i Σ_j Σ_channels w_i w_j exp(−|a_i − b_j|² / 4σ²)
 *   d_inv(A,B)² = ⟨A,A⟩ + ⟨B,B⟩ − 2 max_{R ∈ O(d)} ⟨A, R·B⟩     (SO(d) if properOnly)
 * </pre>
 *
 * <p>Channels are summed inside the maximisation; tiny negative d² (rounding) are clamped to 0.
 * The maximising R — rotation or rotoinversion, mapping the column LAE onto the row LAE,
 * A ≈ R·B — is a by-product, returned on request.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (GiipEngine engine = GiipEngines.cpu(GiipParameters.fast(1.0))) {
 *   DistanceBlock train = engine.symmetricDistances(training, false, ProgressListener.NONE);
 *   DistanceBlock ext = engine.distances(extension, 0, training, 0, true, ProgressListener.NONE);
 * }
 * }</pre>
 *
 * Implementations: {@link GiipEngines#cpu(GiipParameters)} (all cores); a CUDA engine comes
 * behind the same interface. Engines are thread-safe; one call uses the whole machine.
 */
public interface GiipEngine extends AutoCloseable {

  /** The parameters every distance of this engine is computed with. */
  GiipParameters parameters();

  /**
   * d_inv between every LAE of {@code rows} and every LAE of {@code columns}: row r, column c of
   * the block is d_inv(rows[r], columns[c]).
   *
   * @param firstRowIndex index of rows[0] in its set; row r gets row index firstRowIndex + r
   * @param columnOffset index of columns[0] among the training LAEs (recorded in the block)
   * @param withRotations also return the optimal orthogonal matrices (rows × columns × d × d)
   * @param progress receives pairs done / total
   * @throws IllegalArgumentException if the batches differ in dimension, channels or LAE
   *     parameters
   */
  DistanceBlock distances(LaeBatch rows, long firstRowIndex, LaeBatch columns, int columnOffset,
      boolean withRotations, ProgressListener progress);

  /** {@link #distances(LaeBatch, long, LaeBatch, int, boolean, ProgressListener)}, plain. */
  default DistanceBlock distances(LaeBatch rows, LaeBatch columns) {
    return distances(rows, 0, columns, 0, false, ProgressListener.NONE);
  }

  /**
   * The symmetric training × training block: each unordered pair is searched once, the full
   * n × n result is returned (row i, column j = column i, row j; diagonal 0 with the identity).
   * The rotation stored at (j, i) is the transpose (inverse) of the one at (i, j).
   */
  DistanceBlock symmetricDistances(LaeBatch training, boolean withRotations,
      ProgressListener progress);

  /** Releases threads (and, for GPU engines, device memory). */
  @Override
  void close();
}
