package org.giipbeam.transforms.diffusion;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Every eigenpair of a dense symmetric matrix with EJML, then the k largest whose eigenvectors
 * are not the deflated ones. O(n³): the test oracle, and fine up to n ≈ 1,000 (EJML takes 12 s
 * at n = 2,000 on 2 cores).
 */
public final class DenseEigensolver implements SymmetricEigensolver {

  @Override
  public Eigenpairs largest(SymmetricOperator a, int k, double[][] deflate) {
    int n = a.size();
    if (k < 1 || k > n - deflate.length) {
      throw new IllegalArgumentException("asked for " + k + " eigenpairs of a " + n + " × " + n
          + " matrix with " + deflate.length + " deflated direction(s)");
    }
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    if (a instanceof DenseSymmetricMatrix d) {
      System.arraycopy(d.entries(), 0, m.data, 0, n * n);
    } else {
      double[] identity = new double[n * n];
      for (int i = 0; i < n; i++) {
        identity[i * n + i] = 1;
      }
      a.multiply(identity, m.data, n); // A·I, row-major n × n
    }
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(n, true, true);
    if (!dec.decompose(m)) {
      throw new IllegalStateException("EJML's symmetric eigendecomposition failed (n=" + n + ")");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i1, i2) -> Double.compare(dec.getEigenvalue(i2).real,
        dec.getEigenvalue(i1).real));
    double[][] vectors = new double[n][];
    double[] values = new double[n];
    for (int r = 0; r < n; r++) {
      values[r] = dec.getEigenvalue(order[r]).real;
      vectors[r] = Arrays.copyOf(dec.getEigenVector(order[r]).data, n);
    }
    // Drop, for each deflated vector, the eigenvector that overlaps it most.
    boolean[] dropped = new boolean[n];
    for (double[] u : deflate) {
      int best = -1;
      double overlap = -1;
      for (int r = 0; r < n; r++) {
        double o = Math.abs(BlockKrylovEigensolver.dot(u, vectors[r]));
        if (!dropped[r] && o > overlap) {
          overlap = o;
          best = r;
        }
      }
      dropped[best] = true;
    }
    double[] outValues = new double[k];
    double[][] outVectors = new double[k][];
    for (int r = 0, c = 0; c < k; r++) {
      if (!dropped[r]) {
        outValues[c] = values[r];
        outVectors[c] = vectors[r];
        c++;
      }
    }
    return new Eigenpairs(outValues, outVectors, new double[k], values[n - 1], n);
  }
}
