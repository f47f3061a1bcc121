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
import io.kmigrate.config.outbound.HostResolver;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.config.outbound.OwnPorts;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;
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
    final List<String> timestamps = new ArrayList<>();
    volatile String answerBody;
    final Set<String> applied = new HashSet<>();
    final AtomicInteger changes = new AtomicInteger();

    Receiver() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/deploy", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst(WebhookNotifier.IDEMPOTENCY_HEADER);
        synchronized (this) {
          keys.add(key);
          String timestamp = exchange.getRequestHeaders().getFirst(WebhookNotifier.TIMESTAMP_HEADER);
          timestamps.add(timestamp);
          signaturesValid.add(("sha256=" + WebhookNotifier.sign(SECRET, timestamp, body))
              .equals(exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE_HEADER)));
        }
        int status;
        synchronized (this) {
          status = script.isEmpty() ? 200 : script.remove(0);
        }
        if (status == 200 && applied.add(key)) {
          changes.incrementAndGet();
        }
        byte[] answer = (answerBody != null ? answerBody : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
    }

    String prefix() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }
  }

  /** This worker's policy: the receiver's prefix, on loopback, which it names. */
  OutboundPolicy allowingTheReceiver(HostResolver resolver) {
    return OutboundPolicy.of("webhooks", List.of(receiver.prefix(), "http://receiver.example:" + receiver.server.getAddress().getPort() + "/"),
        List.of("127.0.0.1/32"), new OwnPorts(), resolver);
  }

  Receiver receiver;
  TestWorkflowEnvironment env;
  RepointOnceWorkflow repoint;

  /** What receiver.example resolves to at the next attempt (a test changes it to act as DNS rebinding). */
  final AtomicReference<String> receiverAddress = new AtomicReference<>("127.0.0.1");

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("repoint-test");
    worker.registerWorkflowImplementationTypes(RepointOnceWorkflow.Impl.class);
    Clusters clusters = new Clusters(Map.of("target", new ClusterConfig("target-kafka:9092", Map.of())), SecretResolver.fromEnvironment());
    OutboundPolicy policy = allowingTheReceiver(host -> host.equals("receiver.example")
        ? new InetAddress[] {InetAddress.getByName(receiverAddress.get())} : InetAddress.getAllByName(host));
    worker.registerActivitiesImplementations(
        new RepointActivitiesImpl(clusters, null, new WebhookNotifier(SECRET, Duration.ofSeconds(5), policy)));
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
      assertThat(f.getOriginalMessage()).contains("answered 403 (Forbidden)", "its body is in the worker's log");
    });
    assertThat(receiver.keys).as("no retry after a 4xx").hasSize(1);
    assertThat(receiver.changes.get()).isZero();
  }

  @Test
  void aReceiversBodyNeverReachesTheFailureOnlyItsStatusCode() {
    receiver.script.add(400);
    receiver.answerBody = "<script>alert('pwned')</script> internal token=abc123";

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> repoint.repoint(request(receiver.url())));

    ApplicationFailure f = (ApplicationFailure) failed.getCause().getCause();
    assertThat(f.getOriginalMessage()).contains("answered 400 (Bad Request)").doesNotContain("pwned").doesNotContain("abc123");
    assertThat(f.getDetails().get(0, Integer.class)).isEqualTo(400);
  }

  @Test
  void theSignatureCoversATimestampSoAReceiverCanRefuseReplays() {
    repoint.repoint(request(receiver.url()));

    assertThat(receiver.signaturesValid).containsExactly(true);
    long sent = Long.parseLong(receiver.timestamps.get(0));
    assertThat(sent).isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.api.Assertions.within(60L));
  }

  @Test
  void aRedirectIsNotFollowedAndFailsTheStep() {
    receiver.server.removeContext("/deploy");
    AtomicInteger followed = new AtomicInteger();
    receiver.server.createContext("/elsewhere", exchange -> {
      followed.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.server.createContext("/deploy", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Location", receiver.prefix() + "elsewhere");
      exchange.sendResponseHeaders(307, -1);
      exchange.close();
    });

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> repoint.repoint(request(receiver.url())));

    assertThat(((ApplicationFailure) failed.getCause().getCause()).getOriginalMessage()).contains("answered 307", "redirects are not followed");
    assertThat(followed.get()).isZero();
  }

  @Test
  void aDestinationTheWorkerDoesNotAllowIsNeverCalled() {
    String notListed = "http://localhost:" + receiver.server.getAddress().getPort() + "/deploy";

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> repoint.repoint(request(notListed)));

    ApplicationFailure f = (ApplicationFailure) failed.getCause().getCause();
    assertThat(f.getType()).isEqualTo(WebhookNotifier.REFUSED);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(receiver.keys).isEmpty();
  }

  @Test
  void aNameThatResolvesToAnotherAddressAtTheNextAttemptIsCheckedAgain() {
    // DNS rebinding: the first attempt reaches the allowed receiver (answering 503), the retry's
    // lookup answers the metadata address, which the policy refuses before connecting.
    receiver.server.createContext("/rebind", exchange -> {
      exchange.getRequestBody().readAllBytes();
      receiver.keys.add("rebind");
      receiverAddress.set("169.254.169.254");
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> repoint.repoint(request("http://receiver.example:" + receiver.server.getAddress().getPort() + "/rebind")));

    ApplicationFailure f = (ApplicationFailure) failed.getCause().getCause();
    assertThat(f.getType()).isEqualTo(WebhookNotifier.REFUSED);
    assertThat(f.getOriginalMessage()).contains("169.254.169.254, a link-local address");
    assertThat(receiver.keys).as("called once, on the address allowed then").containsExactly("rebind");
  }

  @Test
  void aReceiverThatNeverEndsItsAnswerIsCutOffAtTheTimeoutAndItsBodyIsNotRead() throws Exception {
    AtomicInteger endless = new AtomicInteger();
    receiver.server.createContext("/endless", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 0); // chunked, never ended
      try {
        while (endless.incrementAndGet() < 100_000) {
          exchange.getResponseBody().write(new byte[8192]);
          exchange.getResponseBody().flush();
        }
      } catch (java.io.IOException closedByTheCaller) {
        // kmigrate closed the connection instead of draining it
      }
      exchange.close();
    });
    WebhookNotifier notifier = new WebhookNotifier(SECRET, Duration.ofSeconds(2), allowingTheReceiver(HostResolver.SYSTEM));
    long started = System.nanoTime();

    notifier.send("http://127.0.0.1:" + receiver.server.getAddress().getPort() + "/endless",
        new WebhookCall("m", "orders-api", "producer", "point", "target", "t:9092", "k1"));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(endless.get()).as("the receiver was cut off long before its 800 MB").isLessThan(100_000);
  }

  @Test
  void aHostThatStillDoesNotResolveOnTheLastAttemptFailsTheStepForGood() {
    WebhookNotifier notifier = new WebhookNotifier(SECRET, Duration.ofSeconds(2), allowingTheReceiver(host -> {
      throw new java.net.UnknownHostException(host);
    }));

    ApplicationFailure f = catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(
        "http://receiver.example:" + receiver.server.getAddress().getPort() + "/deploy",
        new WebhookCall("m", "orders-api", "producer", "point", "target", "t:9092", "k1")));

    assertThat(f.getType()).isEqualTo(WebhookNotifier.HOST_NOT_FOUND);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getOriginalMessage()).contains("host not found");
  }
}
