package io.kmigrate.worker.settings;

/**
 * TLS to a real Temporal frontend. {@code caFile} alone: server-only TLS trusting that CA (without
 * it, the JVM's trusted CAs); with {@code certFile} and {@code keyFile} (PEM, the key PKCS#8):
 * mutual TLS. {@code serverName} overrides the name checked against the server's certificate.
 */
public class TemporalTlsSettings {
  public String certFile;
  public String keyFile;
  public String caFile;
  public String serverName;
  /** Plaintext even with an {@code apiKey} (which implies TLS otherwise, as Temporal Cloud needs). */
  public boolean disabled = false;

  /** True when any TLS material or name is configured. */
  public boolean configured() {
    return set(certFile) || set(keyFile) || set(caFile) || set(serverName);
  }

  public static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}
