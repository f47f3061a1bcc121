package io.kmigrate.bench.concurrent;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.demo.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An operator who approves every gate a while after it opened (a delay drawn between
 * {@code minDelay} and {@code maxDelay}), through the API's approve endpoint, the update a
 * person's click sends. Each opening is approved once; when it was sent is kept.
 */
final class GateApprover implements AutoCloseable {
  /** The gates production-first opens on its way; any other (a stalled drain, a wait timed out) is a finding. */
  static final Set<String> PLANNED = Set.of("producer-cutover", "consumer-cutover");

  /** One approval: when it was sent and what the API answered. */
  record Approval(String migration, String gate, Instant sentAt, long tookMs, int httpStatus) {}

  private final ApiClient api;
  private final Duration minDelay;
  private final Duration maxDelay;
  private final Random random = new Random(7);
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<Approval> approvals = new CopyOnWriteArrayList<>();
  private final Map<String, String> unplanned = new ConcurrentHashMap<>();

  GateApprover(ApiClient api, Duration minDelay, Duration maxDelay) {
    this.api = api;
    this.minDelay = minDelay;
    this.maxDelay = maxDelay;
  }

  /** A view of {@code migration} shows {@code gate} open: schedule its approval, once per opening. */
  void opened(String migration, JsonNode gate) {
    String name = gate.path("name").asText();
    String openedAt = gate.path("openedAt").asText();
    if (!seen.add(migration + "/" + name + "/" + openedAt)) {
      return;
    }
    if (!PLANNED.contains(name)) {
      unplanned.put(migration + "/" + name, gate.path("question").asText());
    }
    long delayMs;
    synchronized (random) {
      delayMs = minDelay.toMillis() + (long) (random.nextDouble() * (maxDelay.toMillis() - minDelay.toMillis()));
    }
    // The delay counts from the opening (workflow time), not from when this poll saw it.
    long dueInMs = Instant.parse(openedAt).toEpochMilli() + delayMs - System.currentTimeMillis();
    scheduler.schedule(() -> approve(migration, name), Math.max(0, dueInMs), TimeUnit.MILLISECONDS);
  }

  private void approve(String migration, String gate) {
    Instant sent = Instant.now();
    long started = System.nanoTime();
    int status;
    try {
      status = api.decide(migration, gate, true, "bench", "approved automatically by kmigrate bench concurrent").status();
    } catch (RuntimeException e) {
      status = -1;
    }
    approvals.add(new Approval(migration, gate, sent, (System.nanoTime() - started) / 1_000_000, status));
  }

  List<Approval> approvals() {
    return List.copyOf(approvals);
  }

  /** Gates outside {@link #PLANNED}, by migration/gate, with their question. */
  Map<String, String> unplanned() {
    return Map.copyOf(unplanned);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
