package org.giipbeam.transforms.diffusion;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-k eigenpairs of a symmetric matrix by block Lanczos with full reorthogonalisation and
 * thick restarts (Rayleigh–Ritz on a block Krylov basis; see Golub &amp; Van Loan, Matrix
 * Computations, 4th ed., §10.3, and Stathopoulos &amp; Saad's thick restarting).
 *
 * <p>The basis V grows by blocks of b vectors, each the product A·(previous block)
 * orthogonalised twice (classical Gram–Schmidt, twice) against the deflated vectors and V.
 * H = Vᵀ A V is formed explicitly, its eigenpairs (θ, s) give Ritz pairs (θ, V s) with exact
 * residuals ‖A V s − θ V s‖ computed from the stored A V. When all k wanted residuals are below
 * the tolerance, the Ritz pairs are returned. When V is full, it is compressed to the k + b best
 * Ritz vectors and grows again from their residuals (which span the next Krylov block).
 *
 * <p>Blocks (rather than single vectors) find multiple eigenvalues — a diffusion map of a
 * circle has pairs — and let one sweep over a dense matrix serve b products. Deterministic:
 * the start block comes from a seeded generator.
 */
public final class BlockKrylovEigensolver implements SymmetricEigensolver {
  private static final Logger LOG = LoggerFactory.getLogger(BlockKrylovEigensolver.class);

  private final int blockSize;
  private final int maxBasis;
  private final double tolerance;
  private final int maxProducts;
  private final long seed;

  /**
   * @param blockSize b, vectors per block (0: choose from k)
   * @param maxBasis largest basis before a restart (0: choose from k and b)
   * @param tolerance largest accepted residual ‖A v − λ v‖ of a returned unit eigenvector
   * @param maxProducts most matrix–vector products before giving up with an error
   */
  public BlockKrylovEigensolver(int blockSize, int maxBasis, double tolerance, int maxProducts,
      long seed) {
    if (blockSize < 0 || maxBasis < 0 || !(tolerance > 0) || maxProducts < 1) {
      throw new IllegalArgumentException("bad solver settings: block " + blockSize + ", basis "
          + maxBasis + ", tolerance " + tolerance + ", max products " + maxProducts);
    }
    this.blockSize = blockSize;
    this.maxBasis = maxBasis;
    this.tolerance = tolerance;
    this.maxProducts = maxProducts;
    this.seed = seed;
  }

  /** Defaults: automatic block and basis sizes, residual 1e-11, at most 20,000 products. */
  public BlockKrylovEigensolver() {
    this(0, 0, 1e-11, 20_000, 20220405L);
  }

  @Override
  public Eigenpairs largest(SymmetricOperator a, int k, double[][] deflate) {
    int n = a.size();
    int free = n - deflate.length;
    if (k < 1 || k > free) {
      throw new IllegalArgumentException("asked for " + k + " eigenpairs of a " + n + " × " + n
          + " matrix with " + deflate.length + " deflated direction(s)");
    }
    int b = Math.min(free, blockSize > 0 ? blockSize : Math.max(4, Math.min(k, 12)));
    int mMax = Math.min(free, Math.max(maxBasis > 0 ? maxBasis : Math.max(6 * b, 3 * k + 2 * b),
        k + 2 * b));
    double[][] v = new double[mMax][];
    double[][] av = new double[mMax][];
    double[][] h = new double[mMax][mMax];
    int m = 0;
    int products = 0;
    SplittableRandom random = new SplittableRandom(seed);
    double[][] next = randomVectors(random, b, n);
    double[] theta = null;
    double[][] s = null;
    double[] res = new double[k];
    double[] x = new double[n * b];
    double[] y = new double[n * b];
    while (true) {
      // Orthonormalise the candidate block against deflated directions, V and itself.
      int added = 0;
      for (double[] z : next) {
        if (m + added >= mMax) {
          break;
        }
        if (orthonormalise(z, deflate, v, m + added)) {
          v[m + added] = z;
          added++;
        }
      }
      if (added == 0) {
        if (m >= free) {
          break; // the basis spans the whole deflated space: Ritz pairs are exact
        }
        next = randomVectors(random, b, n);
        continue;
      }
      // A times the new vectors, in one sweep.
      for (int c = 0; c < added; c++) {
        double[] z = v[m + c];
        for (int j = 0; j < n; j++) {
          x[j * added + c] = z[j];
        }
      }
      a.multiply(x, y, added);
      products += added;
      for (int c = 0; c < added; c++) {
        double[] az = new double[n];
        for (int j = 0; j < n; j++) {
          az[j] = y[j * added + c];
        }
        av[m + c] = az;
      }
      for (int c = m; c < m + added; c++) {
        for (int i = 0; i <= c; i++) {
          double hij = dot(v[i], av[c]);
          h[i][c] = hij;
          h[c][i] = hij;
        }
      }
      m += added;
      // Rayleigh–Ritz.
      double[][] eig = symmetricEigen(h, m);
      theta = eig[0];
      s = Arrays.copyOfRange(eig, 1, eig.length);
      boolean converged = m >= k;
      double[][] residualVectors = new double[Math.min(m, k + b)][];
      double[] residualNorms = new double[residualVectors.length];
      for (int r = 0; r < residualVectors.length; r++) {
        double[] rv = combine(av, s[r], m);
        double[] yv = combine(v, s[r], m);
        for (int j = 0; j < n; j++) {
          rv[j] -= theta[r] * yv[j];
        }
        residualVectors[r] = rv;
        residualNorms[r] = Math.sqrt(dot(rv, rv));
        if (r < k) {
          res[r] = residualNorms[r];
          converged &= residualNorms[r] <= tolerance;
        }
      }
      if (converged || m >= free) {
        break;
      }
      if (products >= maxProducts) {
        throw new IllegalStateException("block Lanczos did not converge in " + products
            + " matrix-vector products: residuals of the " + k + " wanted eigenpairs are "
            + Arrays.toString(res) + " (tolerance " + tolerance + ")");
      }
      if (m + b > mMax) {
        // Thick restart: keep the best p Ritz vectors; their residuals continue the Krylov space.
        int p = Math.min(m, k + b);
        double[][] nv = new double[mMax][];
        double[][] nav = new double[mMax][];
        for (int r = 0; r < p; r++) {
          nv[r] = combine(v, s[r], m);
          nav[r] = combine(av, s[r], m);
        }
        for (double[] row : h) {
          Arrays.fill(row, 0);
        }
        for (int r = 0; r < p; r++) {
          // Recompute rather than assume diag(θ): keeps H = Vᵀ A V exact to rounding.
          for (int q = 0; q <= r; q++) {
            double hij = dot(nv[q], nav[r]);
            h[q][r] = hij;
            h[r][q] = hij;
          }
        }
        v = nv;
        av = nav;
        m = p;
        Integer[] order = new Integer[residualVectors.length];
        for (int r = 0; r < order.length; r++) {
          order[r] = r;
        }
        Arrays.sort(order, (i1, i2) -> Double.compare(residualNorms[i2], residualNorms[i1]));
        next = new double[Math.min(b, order.length)][];
        for (int r = 0; r < next.length; r++) {
          next[r] = residualVectors[order[r]];
        }
      } else {
        next = new double[added][];
        for (int c = 0; c < added; c++) {
          next[c] = av[m - added + c].clone();
        }
      }
    }
    double[] values = Arrays.copyOf(theta, k);
    double[][] vectors = new double[k][];
    for (int r = 0; r < k; r++) {
      double[] vec = combine(v, s[r], m);
      double norm = Math.sqrt(dot(vec, vec));
      for (int j = 0; j < n; j++) {
        vec[j] /= norm;
      }
      vectors[r] = vec;
    }
    LOG.debug("block Lanczos: {} eigenpairs of n={} in {} products", k, n, products);
    return new Eigenpairs(values, vectors, res.clone(), theta[m - 1], products);
  }

  private static double[][] randomVectors(SplittableRandom random, int count, int n) {
    double[][] z = new double[count][n];
    for (double[] vec : z) {
      for (int j = 0; j < n; j++) {
        vec[j] = random.nextDouble(-1, 1);
      }
    }
    return z;
  }

  /**
   * Classical Gram–Schmidt, twice, against deflate and basis[0..m); normalises z in place.
   * Returns false (z is then garbage) if z lies in their span.
   */
  private static boolean orthonormalise(double[] z, double[][] deflate, double[][] basis, int m) {
    double before = Math.sqrt(dot(z, z));
    if (before == 0) {
      return false;
    }
    for (int pass = 0; pass < 2; pass++) {
      for (double[] u : deflate) {
        axpy(-dot(u, z), u, z);
      }
      double[] coefficients = new double[m];
      for (int i = 0; i < m; i++) {
        coefficients[i] = dot(basis[i], z);
      }
      for (int i = 0; i < m; i++) {
        axpy(-coefficients[i], basis[i], z);
      }
    }
    double after = Math.sqrt(dot(z, z));
    if (after <= 1e-10 * before) {
      return false;
    }
    for (int j = 0; j < z.length; j++) {
      z[j] /= after;
    }
    return true;
  }

  /** Eigenpairs of the leading m × m block of h: [θ descending, s_0, s_1, …]. */
  static double[][] symmetricEigen(double[][] h, int m) {
    DMatrixRMaj hm = new DMatrixRMaj(m, m);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        hm.set(i, j, 0.5 * (h[i][j] + h[j][i]));
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(m, true, true);
    if (!dec.decompose(hm)) {
      throw new IllegalStateException("EJML failed on the " + m + " × " + m
          + " Rayleigh–Ritz matrix");
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i1, i2) -> Double.compare(dec.getEigenvalue(i2).real,
        dec.getEigenvalue(i1).real));
    double[][] out = new double[m + 1][];
    out[0] = new double[m];
    for (int r = 0; r < m; r++) {
      out[0][r] = dec.getEigenvalue(order[r]).real;
      DMatrixRMaj vec = dec.getEigenVector(order[r]);
      out[r + 1] = Arrays.copyOf(vec.data, m);
    }
    return out;
  }

  private static double[] combine(double[][] basis, double[] coefficients, int m) {
    double[] out = new double[basis[0].length];
    for (int i = 0; i < m; i++) {
      axpy(coefficients[i], basis[i], out);
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }
}
