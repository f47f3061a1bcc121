package io.kmigrate.worker.settings;

import jakarta.validation.constraints.NotNull;

/**
 * Where Temporal is. With no {@code address}, kmigrate starts Temporal's Java in-memory server on
 * {@code embeddedPort} (the embedded default); with one, it connects and starts nothing.
 */
public class TemporalSettings {
  public String address;
  public String namespace = "default";
  public int embeddedPort = 7233;
  /**
   * The in-memory server forgets every workflow when the process stops. With real clusters
   * configured kmigrate refuses it unless this says the loss is accepted (a trial, not production).
   */
  public boolean embeddedWithRealClusters = false;
  /** TLS or mTLS to {@code address}; see {@link TemporalTlsSettings}. */
  @NotNull public TemporalTlsSettings tls = new TemporalTlsSettings();
  /**
   * An API key (Temporal Cloud) sent with every call, as {@code ${env:NAME}} or {@code ${file:/path}}
   * to keep it out of the file; it implies TLS unless {@code tls.disabled}.
   */
  public String apiKey;
  /**
   * Workers keep workflows cached and take their next tasks on a queue of their own. Set false
   * against a server that never moves a dead worker's tasks back to the shared queue (Temporal's
   * in-memory server, as `demo --chaos` uses it), or its migrations stall when that worker dies.
   */
  public boolean stickyExecution = true;

  public boolean embedded() {
    return address == null || address.isBlank();
  }
}
