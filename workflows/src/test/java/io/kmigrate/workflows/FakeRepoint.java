package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each repoint; logs it as {@code repoint <client> -> <cluster>}. */
final class FakeRepoint implements RepointActivities {
  private final CallLog log;
  private final List<RepointRequest> requests = new CopyOnWriteArrayList<>();
  private final java.util.Map<String, RuntimeException> failures = new java.util.concurrent.ConcurrentHashMap<>();

  /** Repointing {@code client} throws {@code failure} (e.g. a webhook's 4xx). */
  void failFor(String client, RuntimeException failure) {
    failures.put(client, failure);
  }

  FakeRepoint(CallLog log) {
    this.log = log;
  }

  static String call(String client, String cluster) {
    return "repoint " + client + " -> " + cluster;
  }

  List<RepointRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public RepointResult repoint(RepointRequest request) {
    requests.add(request);
    RuntimeException failure = failures.get(request.client().name());
    if (failure != null) {
      throw failure;
    }
    String call = call(request.client().name(), request.cluster());
    log.add(request.action() == io.kmigrate.workflows.contract.RepointAction.STOP ? "stop " + call : call);
    return new RepointResult(request.client().name(), request.cluster(), request.cluster() + ":9092", requests.size(), true);
  }
}
