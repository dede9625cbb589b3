package org.giipbeam.pipelines.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.giipbeam.arrowio.LaeResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A descriptor against its best direction in a plane of two coordinates (the paper's α'). */
public final class DirectionCharts {
  private DirectionCharts() {}

  /**
   * The descriptor (y) against the projection of (φ_i, φ_j) on the fit's direction (x), with
   * the least-squares line and r² and the direction's angle in the title.
   */
  public static XYChart direction(List<LaeResult> rows, String descriptor, PlaneFit fit) {
    List<LaeResult> drawn = StudyCharts.subsample(rows, StudyCharts.MAX_SCATTER_POINTS);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (LaeResult r : drawn) {
      Double y = r.descriptors().get(descriptor);
      double x = fit.project(r.coordinates()[fit.i() - 1], r.coordinates()[fit.j() - 1]);
      if (y != null && Double.isFinite(y) && Double.isFinite(x)) {
        xs.add(x);
        ys.add(y);
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    String u = String.format(Locale.ROOT, "u = %.0f° in %s × %s", fit.angleDegrees(),
        StudyCharts.phi(fit.i()), StudyCharts.phi(fit.j()));
    XYChart chart = StudyCharts.xyChart(String.format(Locale.ROOT, "%s along %s:  r² = %.3f",
            descriptor, u, fit.rSquared()),
        "projection on u (" + u + ")", StudyCharts.descriptorLabel(descriptor));
    XYSeries points = chart.addSeries(String.format(Locale.ROOT, "LAEs (n = %,d)", fit.n())
        + StudyCharts.subsampleNote(fit.n(), xs.size()), xs, ys);
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(31, 119, 180, 110));
    chart.getStyler().setMarkerSize(xs.size() > 5000 ? 3 : 6);
    if (!xs.isEmpty()) {
      double len = Math.hypot(fit.a(), fit.b());
      XYSeries line = chart.addSeries(String.format(Locale.ROOT,
              "least squares: %.4g · x %s %.4g", len, fit.intercept() < 0 ? "−" : "+",
              Math.abs(fit.intercept())),
          new double[] {lo, hi},
          new double[] {len * lo + fit.intercept(), len * hi + fit.intercept()});
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0xd62728))
          .setLineStyle(new BasicStroke(3f));
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return chart;
  }
}
