package org.giipbeam.transforms.descriptors;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The Voronoi cell of an LAE's centre (at the origin) among its neighbours, in 2D, from JTS's
 * Voronoi diagram (the dual of its Delaunay triangulation): the number of sides (the centre's
 * Delaunay coordination: 6 in a hexagonal crystal, 5 and 7 at the two atoms of a dislocation
 * core) and the area (area strain against the sample mean).
 *
 * <p>Sides shorter than 10⁻⁵ of r_cut are not counted (four sites on a circle make a
 * zero-length side). The cell is exact when twice its farthest vertex distance is below r_cut
 * (every atom that could cut it is in the LAE); otherwise — a free surface, a sparse LAE — it is
 * {@linkplain #complete() incomplete} and its numbers are NaN.
 *
 * @param sides number of sides (NaN when incomplete)
 * @param area cell area (NaN when incomplete)
 * @param complete whether the cell is fixed by the LAE's atoms
 */
public record VoronoiCell2D(double sides, double area, boolean complete) {

  /** The cell of the origin among neighbours {@code xy[2j], xy[2j+1]}, j &lt; n. */
  public static VoronoiCell2D of(double[] xy, int n, double rCut) {
    VoronoiCell2D none = new VoronoiCell2D(Double.NaN, Double.NaN, false);
    if (n < 3) {
      return none;
    }
    GeometryFactory gf = new GeometryFactory();
    Coordinate[] sites = new Coordinate[n + 1];
    sites[0] = new Coordinate(0, 0);
    for (int j = 0; j < n; j++) {
      sites[j + 1] = new Coordinate(xy[2 * j], xy[2 * j + 1]);
    }
    VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
    vb.setSites(gf.createMultiPointFromCoords(sites));
    vb.setClipEnvelope(new Envelope(-rCut, rCut, -rCut, rCut));
    Geometry cells = vb.getDiagram(gf);
    Polygon cell = null;
    for (int g = 0; g < cells.getNumGeometries(); g++) {
      Geometry c = cells.getGeometryN(g);
      if (c instanceof Polygon p && c.getUserData() instanceof Coordinate site
          && site.x == 0 && site.y == 0) {
        cell = p;
      }
    }
    if (cell == null) {
      return none;
    }
    Coordinate[] ring = cell.getExteriorRing().getCoordinates();
    double maxR = 0;
    int sides = 0;
    double tol = 1e-5 * rCut;
    for (int i = 0; i + 1 < ring.length; i++) {
      maxR = Math.max(maxR, Math.hypot(ring[i].x, ring[i].y));
      if (ring[i].distance(ring[i + 1]) > tol) {
        sides++;
      }
    }
    if (2 * maxR >= rCut) {
      return none;
    }
    return new VoronoiCell2D(sides, cell.getArea(), true);
  }
}
