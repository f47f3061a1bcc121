package io.kmigrate.api.metrics;

import io.kmigrate.worker.KmigrateMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /metrics} on the admin port: the process's metrics in Prometheus' text format. */
public final class PrometheusServlet extends HttpServlet {
  private final transient KmigrateMetrics metrics;

  public PrometheusServlet(KmigrateMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(KmigrateMetrics.CONTENT_TYPE);
    response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
    response.getWriter().write(metrics.scrape());
  }
}
