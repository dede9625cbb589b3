package org.giipbeam.pipelines.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter#write} wrote.
 *
 * @param markdown report.md (refers to the PNGs beside it)
 * @param html report.html (self-contained: every PNG embedded)
 * @param figures the PNG files, in the order the report shows them
 */
public record ReportFiles(Path markdown, Path html, List<Path> figures) {
  public ReportFiles {
    figures = List.copyOf(figures);
  }
}
