package io.kmigrate.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway CA with a server and a client certificate, made by openssl in a directory. */
record TestPki(Path dir) {
  Path ca() {
    return dir.resolve("ca.pem");
  }

  Path clientCert() {
    return dir.resolve("client.pem");
  }

  /** PKCS#8 PEM, as TLS to Temporal needs. */
  Path clientKey() {
    return dir.resolve("client.key");
  }

  /** The same kind of key in the older PKCS#1 PEM form ("BEGIN RSA PRIVATE KEY"). */
  Path pkcs1Key() {
    return dir.resolve("pkcs1.key");
  }

  Path serverCert() {
    return dir.resolve("server.pem");
  }

  Path serverKey() {
    return dir.resolve("server.key");
  }

  static TestPki create() throws IOException, InterruptedException {
    TestPki pki = new TestPki(Files.createTempDirectory("kmigrate-pki"));
    pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
        "-subj", "/CN=kmigrate-test-ca");
    pki.signed("client", "/CN=kmigrate-worker", null);
    pki.signed("server", "/CN=temporal.test", "subjectAltName=DNS:temporal.test");
    pki.openssl("genrsa", "-traditional", "-out", "pkcs1.key", "2048");
    return pki;
  }

  private void signed(String name, String subject, String san) throws IOException, InterruptedException {
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
    openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", subject);
    if (san == null) {
      openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".pem", "-days", "1");
    } else {
      Files.writeString(dir.resolve(name + ".ext"), san + "\n");
      openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".pem", "-days", "1",
          "-extfile", name + ".ext");
    }
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }
}
