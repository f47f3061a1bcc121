package io.kmigrate.worker.settings;

/**
 * Where {@code kmigrate worker} serves {@code GET /metrics} (Prometheus text). The API serves its
 * own on the admin port ({@code server.adminConnectors}), so this applies to the worker command only.
 * (Not under {@code metrics}: that is Dropwizard's own reporters' section.)
 */
public class PrometheusSettings {
  /**
   * The worker's metrics port on every interface, e.g. 9464; 0 (the default) serves none, so
   * several workers on one host start without a port each.
   */
  public int workerPort = 0;
}
