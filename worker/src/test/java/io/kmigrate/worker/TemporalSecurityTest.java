package io.kmigrate.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.localstack.LocalTemporal;
import io.kmigrate.localstack.Ports;
import io.kmigrate.worker.settings.TemporalSettings;
import io.kmigrate.worker.settings.WorkerSettings;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** temporal.tls and temporal.apiKey: checked before anything starts, each problem naming its field, and applied to the connection. */
@Timeout(120)
class TemporalSecurityTest {
  static TestPki pki;
  final SecretResolver secrets = new SecretResolver(Map.of("TEMPORAL_KEY", "key-123", "BLANK", "  ")::get);

  @BeforeAll
  static void certificates() throws Exception {
    pki = TestPki.create();
  }

  static TemporalSettings real() {
    TemporalSettings s = new TemporalSettings();
    s.address = "temporal.example:7233";
    return s;
  }

  /** mTLS with the test CA's client certificate, expecting the server's certificate for temporal.test. */
  static TemporalSettings mutualTls() {
    TemporalSettings s = real();
    s.tls.certFile = pki.clientCert().toString();
    s.tls.keyFile = pki.clientKey().toString();
    s.tls.caFile = pki.ca().toString();
    s.tls.serverName = "temporal.test";
    return s;
  }

  @Test
  void withoutTlsOrApiKeyTheConnectionIsPlaintext() {
    assertThat(TemporalSecurityLoader.load(real(), secrets)).isEqualTo(TemporalSecurity.PLAINTEXT);
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedNamingKeyFile() {
    TemporalSettings s = real();
    s.tls.certFile = pki.clientCert().toString();

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets))
        .hasMessageStartingWith("temporal.tls.keyFile is not set: mutual TLS needs both certFile and keyFile");
  }

  @Test
  void aMissingFileIsRefusedNamingTheFieldAndThePath() {
    TemporalSettings s = real();
    s.tls.caFile = "/nonexistent/ca.pem";

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets))
        .hasMessageStartingWith("temporal.tls.caFile: /nonexistent/ca.pem cannot be read (NoSuchFileException");
  }

  @Test
  void aCaFileWithoutCertificatesIsRefused() throws Exception {
    TemporalSettings s = real();
    s.tls.caFile = pki.clientKey().toString();

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets)).hasMessageContaining("temporal.tls.caFile: " + pki.clientKey());
  }

  @Test
  void aPkcs1KeyIsRefusedSayingHowToConvertIt() {
    TemporalSettings s = real();
    s.tls.certFile = pki.clientCert().toString();
    s.tls.keyFile = pki.pkcs1Key().toString();

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets))
        .hasMessageStartingWith("temporal.tls.certFile/keyFile: not a PEM certificate chain and PKCS#8 PEM private key")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void anApiKeyThatResolvesEmptyIsRefused() {
    TemporalSettings s = real();
    s.apiKey = "${env:BLANK}";

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets)).hasMessageStartingWith("temporal.apiKey is empty");
  }

  @Test
  void anApiKeyFromAnUnsetVariableIsRefusedNamingIt() {
    TemporalSettings s = real();
    s.apiKey = "${env:NOT_SET_HERE}";

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets))
        .hasMessage("property temporal.apiKey refers to environment variable NOT_SET_HERE, which is not set");
  }

  @Test
  void anApiKeyImpliesTlsAgainstTheJvmsCasUnlessTlsIsDisabled() {
    TemporalSettings s = real();
    s.apiKey = "${env:TEMPORAL_KEY}";

    assertThat(TemporalSecurityLoader.load(s, secrets)).isEqualTo(new TemporalSecurity(true, null, null, "key-123"));
    s.tls.disabled = true;
    assertThat(TemporalSecurityLoader.load(s, secrets)).isEqualTo(new TemporalSecurity(false, null, null, "key-123"));
  }

  @Test
  void tlsFilesWithTlsDisabledAreRefused() {
    TemporalSettings s = real();
    s.tls.disabled = true;
    s.tls.caFile = pki.ca().toString();

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets)).hasMessageStartingWith("temporal.tls.disabled: true, yet");
  }

  @Test
  void tlsForTheEmbeddedServerIsRefused() {
    TemporalSettings s = new TemporalSettings();
    s.tls.caFile = pki.ca().toString();

    assertThatThrownBy(() -> TemporalSecurityLoader.load(s, secrets)).hasMessageStartingWith("temporal.address is not set: temporal.tls");
  }

  @Test
  void pemFilesMakeAClientSslContextForMutualTls() {
    TemporalSecurity security = TemporalSecurityLoader.load(mutualTls(), secrets);

    assertThat(security.useTls()).isTrue();
    assertThat(security.ssl().isClient()).isTrue();
    assertThat(security.serverName()).isEqualTo("temporal.test");
  }

  @Test
  void theClientCertificateIsPresentedToAServerTrustingTheSameCa() throws Exception {
    TemporalSecurity security = TemporalSecurityLoader.load(mutualTls(), secrets);

    // A TLS server demanding a client certificate; it speaks no gRPC, so the connection fails after the handshake.
    try (SSLServerSocket server = tlsServer()) {
      CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
          socket.startHandshake();
          return socket.getSession().getPeerPrincipal().getName();
        } catch (Exception e) {
          return "handshake failed: " + e;
        }
      });

      assertThatThrownBy(() -> TemporalConnection.connect(
              "127.0.0.1:" + server.getLocalPort(), "default", new com.uber.m3.tally.NoopScope(), security).close())
          .hasMessageStartingWith("temporal.address: no connection with TLS to 127.0.0.1:" + server.getLocalPort());
      assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo("CN=kmigrate-worker");
    }
  }

  @Test
  void tlsToAPlaintextServerFailsWithinSecondsNamingTheSettings() throws Exception {
    TemporalSettings s = real();
    s.tls.caFile = pki.ca().toString();
    TemporalSecurity security = TemporalSecurityLoader.load(s, secrets);

    try (LocalTemporal plaintext = LocalTemporal.start(Ports.free())) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> TemporalConnection.connect(plaintext.target(), "default", new com.uber.m3.tally.NoopScope(), security).close())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("temporal.address: no connection with TLS to " + plaintext.target() + " within 10s; check that it serves TLS "
              + "and that temporal.tls (caFile, serverName, certFile/keyFile) and temporal.apiKey match it")
          .hasCauseInstanceOf(RuntimeException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void theRuntimeRefusesBadTlsBeforeStartingAnything() throws Exception {
    WorkerSettings defaults = WorkerSettings.defaults(Files.createTempDirectory("kmigrate-runtime").toString());
    WorkerSettings config = new WorkerSettings(real(), defaults.database(), defaults.clusters(), defaults.webhooks(),
        defaults.connect(), defaults.prometheus(), defaults.dataDir());
    config.temporal().tls.keyFile = pki.clientKey().toString();

    assertThatThrownBy(() -> KmigrateRuntime.start(config, true))
        .hasMessageStartingWith("temporal.tls.certFile is not set");
    assertThat(Path.of(config.dataDir())).isEmptyDirectory();
  }

  private static SSLServerSocket tlsServer() throws Exception {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Certificate serverCert = x509.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pki.serverCert())));
    Certificate ca = x509.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pki.ca())));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", pkcs8(pki.serverKey()), new char[0], new Certificate[] {serverCert, ca});
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    SSLParameters params = server.getSSLParameters();
    params.setNeedClientAuth(true);
    params.setApplicationProtocols(new String[] {"h2"}); // gRPC insists on ALPN h2
    server.setSSLParameters(params);
    return server;
  }

  private static PrivateKey pkcs8(Path pem) throws Exception {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
