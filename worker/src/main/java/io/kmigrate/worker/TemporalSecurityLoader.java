package io.kmigrate.worker;

import static io.kmigrate.worker.settings.TemporalTlsSettings.set;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.worker.TemporalSecurity;
import io.kmigrate.worker.settings.TemporalSettings;
import io.kmigrate.worker.settings.TemporalTlsSettings;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Checks {@code temporal.tls} and {@code temporal.apiKey} and reads their files into a
 * {@link TemporalSecurity}, before anything starts; each problem names its field and the fix.
 */
final class TemporalSecurityLoader {
  private TemporalSecurityLoader() {}

  static TemporalSecurity load(TemporalSettings settings, SecretResolver secrets) {
    TemporalTlsSettings tls = settings.tls;
    String apiKey = apiKey(settings, secrets);
    if (settings.embedded() && (tls.configured() || apiKey != null)) {
      throw new IllegalStateException(
          "temporal.address is not set: temporal.tls and temporal.apiKey secure a real Temporal cluster, not the embedded server");
    }
    if (tls.disabled) {
      if (tls.configured()) {
        throw new IllegalStateException("temporal.tls.disabled: true, yet temporal.tls names files or a serverName; remove one or the other");
      }
      return apiKey == null ? TemporalSecurity.PLAINTEXT : new TemporalSecurity(false, null, null, apiKey);
    }
    if (!tls.configured() && apiKey == null) {
      return TemporalSecurity.PLAINTEXT;
    }
    // An API key alone means Temporal Cloud: TLS against the JVM's trusted CAs.
    SslContext ssl = set(tls.caFile) || set(tls.certFile) || set(tls.keyFile) ? sslContext(tls) : null;
    return new TemporalSecurity(true, ssl, set(tls.serverName) ? tls.serverName.strip() : null, apiKey);
  }

  private static String apiKey(TemporalSettings settings, SecretResolver secrets) {
    if (settings.apiKey == null) {
      return null;
    }
    String key = secrets.resolve("temporal.apiKey", settings.apiKey).strip();
    if (key.isEmpty()) {
      throw new IllegalStateException("temporal.apiKey is empty: set it to ${env:NAME} or ${file:/path} holding the key, or remove it");
    }
    return key;
  }

  private static SslContext sslContext(TemporalTlsSettings tls) {
    if (set(tls.certFile) != set(tls.keyFile)) {
      String missing = set(tls.certFile) ? "temporal.tls.keyFile" : "temporal.tls.certFile";
      throw new IllegalStateException(missing + " is not set: mutual TLS needs both certFile and keyFile (or neither, for server-only TLS)");
    }
    TrustManager trust = set(tls.caFile) ? trustManager(tls.caFile) : null;
    SimpleSslContextBuilder builder;
    if (set(tls.certFile)) {
      byte[] cert = read("temporal.tls.certFile", tls.certFile);
      byte[] key = read("temporal.tls.keyFile", tls.keyFile);
      builder = SimpleSslContextBuilder.forPKCS8(new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
    } else {
      builder = SimpleSslContextBuilder.noKeyOrCertChain();
    }
    if (trust != null) {
      builder.setTrustManager(trust);
    }
    try {
      return builder.build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("temporal.tls.certFile/keyFile: not a PEM certificate chain and PKCS#8 PEM private key ("
          + e.getMessage() + "); convert a PKCS#1 key with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem`", e);
    }
  }

  /** Trusts exactly the CA certificates of a PEM file. */
  private static TrustManager trustManager(String caFile) {
    byte[] pem = read("temporal.tls.caFile", caFile);
    try (InputStream in = new ByteArrayInputStream(pem)) {
      Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (cas.isEmpty()) {
        throw new IllegalStateException("temporal.tls.caFile: " + caFile + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : cas) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("temporal.tls.caFile: " + caFile + " is not a PEM CA certificate (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] read(String field, String file) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException(field + ": " + file + " cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }
}
