package io.kmigrate.worker;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

/**
 * How a connection to Temporal is secured: TLS ({@code ssl}, or the JVM's trusted CAs when
 * {@code useTls} without one), the name the server's certificate must carry, an API key. Holds
 * resolved material only: settings are checked and read where they are configured.
 */
public record TemporalSecurity(boolean useTls, SslContext ssl, String serverName, String apiKey) {
  public static final TemporalSecurity PLAINTEXT = new TemporalSecurity(false, null, null, null);

  public boolean plaintext() {
    return !useTls && apiKey == null;
  }
}
