package io.kmigrate.api;

/**
 * What the admin port offers beyond health checks and metrics: Dropwizard's tasks (garbage
 * collection, log levels) and thread dumps with CPU profiles. Off unless turned on here.
 */
public class DiagnosticsSettings {
  /** {@code POST /tasks/gc}, {@code POST /tasks/log-level}. */
  public boolean tasks = false;
  /** {@code GET /threads}, {@code GET /pprof}. */
  public boolean threadDumps = false;
}
