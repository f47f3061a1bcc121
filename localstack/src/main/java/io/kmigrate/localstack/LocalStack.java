package io.kmigrate.localstack;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What `demo` and the integration tests run on: the embedded Temporal server and two local KRaft
 * clusters, source and target. The stack owns everything it started and stops it in reverse
 * order on close, which a JVM shutdown hook also triggers (Ctrl-C).
 */
public final class LocalStack implements AutoCloseable {
  private final Owner owner = new Owner();
  private final Thread hook = new Thread(owner::close, "kmigrate-local-stack-stop");
  private LocalTemporal temporal;
  private LocalKafkaCluster source;
  private LocalKafkaCluster target;

  /**
   * Where and on which ports to start (0 picks a free port); with {@code security}, both clusters
   * take SASL and enforce ACLs, with the same users on each.
   */
  public record Options(
      Path dataDir, int temporalPort, int sourcePort, int targetPort, boolean withTemporal, boolean withKafka, LocalSecurity security) {
    public Options(Path dataDir, int temporalPort, int sourcePort, int targetPort, boolean withTemporal, boolean withKafka) {
      this(dataDir, temporalPort, sourcePort, targetPort, withTemporal, withKafka, null);
    }
  }

  public static LocalStack start(Options options) throws Exception {
    LocalStack stack = new LocalStack();
    Runtime.getRuntime().addShutdownHook(stack.hook);
    try {
      if (options.withTemporal()) {
        stack.temporal = stack.own(LocalTemporal.start(options.temporalPort()));
      }
      if (!options.withKafka()) {
        return stack;
      }
      // Both brokers boot at once: the slow part is JVM start-up, and there are two cores.
      stack.source = stack.own(LocalKafkaCluster.launch("source", options.sourcePort(), options.dataDir(), options.security()));
      stack.target = stack.own(LocalKafkaCluster.launch("target", options.targetPort(), options.dataDir(), options.security()));
      CompletableFuture<?> a = CompletableFuture.runAsync(stack.source::awaitReady);
      CompletableFuture<?> b = CompletableFuture.runAsync(stack.target::awaitReady);
      CompletableFuture.allOf(a, b).join();
      return stack;
    } catch (Exception e) {
      stack.close();
      if (e instanceof CompletionException && e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private <T extends AutoCloseable> T own(T thing) {
    return owner.own(thing);
  }

  public LocalTemporal temporal() {
    return temporal;
  }

  public LocalKafkaCluster source() {
    return source;
  }

  public LocalKafkaCluster target() {
    return target;
  }

  @Override
  public void close() {
    owner.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running us
    }
  }
}
