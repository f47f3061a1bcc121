package io.kmigrate.activities.repoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.kmigrate.activities.RepointActivitiesImpl;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Webhook;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook strategy against a real HTTP receiver on loopback, standing in for a deploy system
 * that applies each change once per idempotency key.
 */
class WebhookRepointTest {
  static final String SECRET = "s3cret";

  /** A deploy system: answers with the scripted statuses, then 200; applies each key once. */
  static final class Receiver {
    final HttpServer server;
    final List<Integer> script = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final List<Boolean> signaturesValid = new ArrayList<>();
    final Set<String> applied = new HashSet<>();
    final AtomicInteger changes = new AtomicInteger();

    Receiver() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/deploy", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst(WebhookNotifier.IDEMPOTENCY_HEADER);
        synchronized (this) {
          keys.add(key);
          signaturesValid.add(("sha256=" + WebhookNotifier.sign(SECRET, body))
              .equals(exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE_HEADER)));
        }
        int status;
        synchronized (this) {
          status = script.isEmpty() ? 200 : script.remove(0);
        }
        if (status == 200 && applied.add(key)) {
          changes.incrementAndGet();
        }
        byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
    }
  }

  Receiver receiver;
  TestWorkflowEnvironment env;
  RepointOnceWorkflow repoint;

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("repoint-test");
    worker.registerWorkflowImplementationTypes(RepointOnceWorkflow.Impl.class);
    Clusters clusters = new Clusters(Map.of("target", new ClusterConfig("target-kafka:9092", Map.of())), SecretResolver.fromEnvironment());
    worker.registerActivitiesImplementations(
        new RepointActivitiesImpl(clusters, null, new WebhookNotifier(SECRET, Duration.ofSeconds(5))));
    env.start();
    repoint = env.getWorkflowClient().newWorkflowStub(RepointOnceWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue("repoint-test").build());
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.server.stop(0);
  }

  RepointRequest request(String url) {
    return new RepointRequest("orders-move",
        new ClientGroup("orders-api", ClientRole.PRODUCER, RepointStrategy.WEBHOOK, null, null, new Webhook(url)), "target");
  }

  @Test
  void aFailingThenSucceedingReceiverIsRetriedWithOneIdempotencyKeyAndAppliesTheChangeOnce() {
    receiver.script.addAll(List.of(503, 500));

    RepointResult result = repoint.repoint(request(receiver.url()));

    assertThat(result.bootstrapServers()).isEqualTo("target-kafka:9092");
    assertThat(receiver.keys).hasSize(3).containsOnly(receiver.keys.get(0));
    assertThat(receiver.signaturesValid).containsOnly(true);
    assertThat(receiver.changes.get()).isEqualTo(1);
  }

  @Test
  void aDuplicateDeliveryOfTheSameStepIsOneChange() {
    // The deploy system applies the change, but a gateway answers 502: kmigrate delivers again.
    receiver.server.removeContext("/deploy");
    AtomicInteger calls = new AtomicInteger();
    receiver.server.createContext("/deploy", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestHeaders().getFirst(WebhookNotifier.IDEMPOTENCY_HEADER);
      receiver.keys.add(key);
      if (receiver.applied.add(key)) {
        receiver.changes.incrementAndGet();
      }
      exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 502 : 200, -1);
      exchange.close();
    });

    repoint.repoint(request(receiver.url()));

    assertThat(receiver.keys).hasSize(2).containsOnly(receiver.keys.get(0));
    assertThat(receiver.changes.get()).isEqualTo(1);
  }

  @Test
  void a4xxAnswerFailsTheStepForGoodWithTheResponse() {
    receiver.script.add(403);

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> repoint.repoint(request(receiver.url())));

    assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
    assertThat(failed.getCause().getCause()).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.getType()).isEqualTo(WebhookNotifier.REJECTED);
      assertThat(f.isNonRetryable()).isTrue();
      assertThat(f.getOriginalMessage()).contains("answered 403", "{\"status\":403}");
    });
    assertThat(receiver.keys).as("no retry after a 4xx").hasSize(1);
    assertThat(receiver.changes.get()).isZero();
  }
}
