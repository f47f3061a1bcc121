package io.kmigrate.demo;

import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.localstack.ChildJvm;
import io.kmigrate.worker.settings.WebhookSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code kmigrate worker} as a child process of the demo, against the demo's Temporal, clusters
 * and store, so the demo can SIGKILL it and start another. Every incarnation appends to one
 * output file; each halts the moment the demo's process is gone, and {@link #close()} (also run by
 * the demo's shutdown hook) stops the current one.
 */
public final class ChildWorker implements AutoCloseable {
  static final String READY_LINE = "kmigrate worker polling task queue kmigrate";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final Path config;
  private final Settings settings;
  private final Thread hook = new Thread(this::close, "kmigrate-child-worker-stop");
  private ChildJvm process;
  private int started;

  /** Where the child finds Temporal, the clusters and the shared store. */
  public record Wiring(String temporalAddress, String sourceServers, String targetServers, String databaseUrl, WebhookSettings webhooks) {}

  /**
   * How the child runs: its heap cap, JVM options beyond {@link ChildJvm}'s defaults, and whether it
   * keeps workflows cached on a sticky queue.
   */
  public record Settings(String maxHeap, List<String> jvmOptions, boolean sticky) {
    /**
     * The demo's: the worker may be killed while its migrations go on, and the demo's in-memory
     * Temporal never takes a dead worker's sticky queue back, so no sticky queue.
     */
    public static final Settings DEMO = new Settings("512m", List.of(), false);
  }

  public ChildWorker(Path dir, Wiring wiring) throws IOException {
    this(dir, wiring, Settings.DEMO);
  }

  public ChildWorker(Path dir, Wiring wiring, Settings settings) throws IOException {
    this.settings = settings;
    this.dir = Files.createDirectories(dir.toAbsolutePath());
    this.config = this.dir.resolve("worker.yml");
    Files.deleteIfExists(config);
    // The demo's one-run signing secret: readable by this user only.
    Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(config, String.join("\n",
        "temporal: {address: '" + wiring.temporalAddress() + "', stickyExecution: " + settings.sticky() + "}",
        "clusters:",
        "  source: {bootstrapServers: '" + wiring.sourceServers() + "'}",
        "  target: {bootstrapServers: '" + wiring.targetServers() + "'}",
        "database: {url: '" + wiring.databaseUrl() + "', migrateOnStart: false}",
        "webhooks: {signingSecret: '" + wiring.webhooks().signingSecret + "', allowedUrls: " + yamlList(wiring.webhooks().allowedUrls)
            + ", allowedNetworks: " + yamlList(wiring.webhooks().allowedNetworks) + "}",
        "dataDir: '" + this.dir + "'",
        "logging: {level: WARN, loggers: {io.temporal.internal.worker.HeartbeatManager: ERROR}}",
        ""));
    Files.deleteIfExists(log());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private static String yamlList(List<String> values) {
    return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  /** Starts a worker and returns once it polls the task queue. */
  public synchronized long start() throws IOException, InterruptedException {
    long logged = Files.exists(log()) ? Files.size(log()) : 0;
    process = ChildJvm.start(dir, "worker-logback.log", log().getFileName().toString(), true, settings.maxHeap(), settings.jvmOptions(),
        List.of(KmigrateApplication.class.getName(), "worker", config.toString()));
    started++;
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new IllegalStateException("the worker exited at start: " + ChildJvm.tail(log()));
      }
      if (Files.exists(log()) && Files.readString(log()).indexOf(READY_LINE, (int) logged) >= 0) {
        return process.pid();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the worker did not poll within " + READY_TIMEOUT + ": " + ChildJvm.tail(log()));
  }

  /** SIGKILL the running worker; returns its pid. */
  public synchronized long kill() throws InterruptedException {
    long pid = process.pid();
    process.kill();
    return pid;
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** How many workers were started, restarts included. */
  public synchronized int started() {
    return started;
  }

  /** The output of every incarnation, one after the other. */
  public Path log() {
    return dir.resolve("worker.out");
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running us
    }
  }
}
