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

  public boolean embedded() {
    return address == null || address.isBlank();
  }
}
