package io.kmigrate.api;

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
