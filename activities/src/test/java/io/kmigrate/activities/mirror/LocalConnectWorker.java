package io.kmigrate.activities.mirror;

import io.kmigrate.localstack.ChildJvm;
import io.kmigrate.localstack.LocalKafkaCluster;
import io.kmigrate.localstack.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in distributed mode in its own JVM, as a production Connect cluster
 * runs: kmigrate drives it only through its REST API. The tests of the Connect REST back end use it.
 */
public final class LocalConnectWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalConnectWorker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final URI url;
  private final ChildJvm process;

  private LocalConnectWorker(Path dir, URI url, ChildJvm process) {
    this.dir = dir;
    this.url = url;
    this.process = process;
  }

  /**
   * Starts the worker with its state in topics on the cluster at {@code bootstrapServers} and
   * waits until its REST API answers.
   */
  public static LocalConnectWorker start(String bootstrapServers, String groupId, Path dataDir) throws IOException {
    Path dir = dataDir.resolve("connect-" + groupId);
    LocalKafkaCluster.deleteRecursively(dir);
    Files.createDirectories(dir);
    int port = Ports.free();
    Properties target = new Properties();
    target.put("bootstrap.servers", bootstrapServers);
    Properties worker = new Properties();
    worker.putAll(EmbeddedConnect.workerConfig(target, groupId, "http://127.0.0.1:" + port));
    Path config = dir.resolve("worker.properties");
    try (var out = Files.newOutputStream(config)) {
      worker.store(out, "kmigrate local Kafka Connect worker " + groupId);
    }
    ChildJvm process = ChildJvm.start(dir, "connect.log", "connect.out", "384m", List.of(ConnectMain.class.getName(), config.toString()));
    LocalConnectWorker w = new LocalConnectWorker(dir, URI.create("http://127.0.0.1:" + port + "/"), process);
    try {
      w.awaitReady();
    } catch (RuntimeException e) {
      w.close();
      throw e;
    }
    return w;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new IllegalStateException("Kafka Connect worker exited at start: " + ChildJvm.tail(dir.resolve("connect.log")) + ChildJvm.tail(dir.resolve("connect.out")));
      }
      try {
        // /connectors answers only once the worker joined its group and read its config topic.
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("connectors")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          log.info("Kafka Connect worker ready on {}", url);
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      ChildJvm.sleep(250);
    }
    throw new IllegalStateException("Kafka Connect worker did not answer within " + READY_TIMEOUT + ": " + ChildJvm.tail(dir.resolve("connect.log")));
  }

  public URI url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.close();
  }
}
