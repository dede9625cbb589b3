package org.giipbeam.arrowio.lae;

/**
 * The radial weight f(r) of a neighbour at distance r from the centre: 1 up to r_skin, then a
 * smooth cubic fade f = (r_cut − r)² (r_cut − 3 r_skin + 2r) / (r_cut − r_skin)³ to 0 at r_cut
 * (value and slope continuous at both ends), 0 beyond. Σ f over an LAE is its coordination
 * number.
 */
public final class RadialFade {
  private RadialFade() {}

  public static double f(double r, double rSkin, double rCut) {
    if (r <= rSkin) {
      return 1.0;
    }
    if (r >= rCut) {
      return 0.0;
    }
    double a = rCut - r;
    double w = rCut - rSkin;
    return a * a * (rCut - 3 * rSkin + 2 * r) / (w * w * w);
  }
}
