package io.kmigrate.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A client connection to a Temporal frontend (embedded or real), closed with its owner. */
public final class TemporalConnection implements AutoCloseable {
  /** How long a secured connection's first handshake and health check may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client) {
    this.service = service;
    this.client = client;
  }

  public static TemporalConnection connect(String target, String namespace) {
    return connect(target, namespace, new NoopScope(), TemporalSecurity.PLAINTEXT);
  }

  /**
   * A secured connection is checked at once: a TLS mismatch (a plaintext server, an untrusted
   * certificate, a wrong server name) refuses the start instead of failing every later call.
   *
   * @param metrics where the SDK reports (client calls, and a worker's polls, tasks and activities)
   */
  public static TemporalConnection connect(String target, String namespace, Scope metrics, TemporalSecurity security) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target).setMetricsScope(metrics);
    if (security.ssl() != null) {
      options.setSslContext(security.ssl());
    } else if (security.useTls()) {
      options.setEnableHttps(true);
    }
    if (security.serverName() != null) {
      options.setChannelInitializer(channel -> channel.overrideAuthority(security.serverName()));
    }
    if (security.apiKey() != null) {
      String key = security.apiKey();
      options.addApiKey(() -> key);
    }
    WorkflowServiceStubs service = security.plaintext()
        ? WorkflowServiceStubs.newServiceStubs(options.build())
        : connected(options.build(), target, security);
    WorkflowClient client =
        WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    return new TemporalConnection(service, client);
  }

  private static WorkflowServiceStubs connected(WorkflowServiceStubsOptions options, String target, TemporalSecurity security) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(options, CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      String how = security.useTls() ? "with TLS" : "with an API key";
      // The cause (a handshake error, a refused connection) is kept: the one-line start error shows it.
      throw new IllegalStateException("temporal.address: no connection " + how + " to " + target + " within " + CONNECT_TIMEOUT.toSeconds()
          + "s; check that it serves TLS and that temporal.tls (caFile, serverName, certFile/keyFile) and temporal.apiKey match it", e);
    }
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(5, TimeUnit.SECONDS);
  }
}
