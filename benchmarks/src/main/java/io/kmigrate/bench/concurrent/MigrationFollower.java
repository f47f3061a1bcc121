package io.kmigrate.bench.concurrent;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.bench.Figures;
import io.kmigrate.demo.ApiClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads every running migration's view through the API every two seconds, as an operator's
 * console would, hands each open gate to the approver, and returns how each migration ended.
 * (Each view is a query the worker answers: a hundred a second would be load of its own.)
 */
final class MigrationFollower {
  private static final Duration ROUND = Duration.ofSeconds(2);
  private static final Duration PRINT_EVERY = Duration.ofSeconds(15);

  private final ApiClient api;
  private final GateApprover approver;
  private final PrintStream out;

  MigrationFollower(ApiClient api, GateApprover approver, PrintStream out) {
    this.api = api;
    this.approver = approver;
    this.out = out;
  }

  /** @return each migration's Temporal status; those still running at {@code deadline} stay RUNNING */
  Map<String, String> follow(List<String> migrations, Duration maxRun) {
    Map<String, String> status = new LinkedHashMap<>();
    migrations.forEach(m -> status.put(m, "RUNNING"));
    long started = System.nanoTime();
    long deadline = started + maxRun.toNanos();
    long lastPrint = started;
    ExecutorService views = Executors.newFixedThreadPool(8);
    try {
      while (System.nanoTime() < deadline) {
        long round = System.nanoTime();
        List<String> running = status.entrySet().stream().filter(e -> e.getValue().equals("RUNNING")).map(Map.Entry::getKey).toList();
        if (running.isEmpty()) {
          return status;
        }
        List<CompletableFuture<ApiClient.Answer>> answers =
            running.stream().map(m -> CompletableFuture.supplyAsync(() -> api.migration(m), views)).toList();
        int atGate = 0;
        for (int i = 0; i < running.size(); i++) {
          ApiClient.Answer a = answers.get(i).join();
          if (a.status() != 200) {
            continue; // no answer this round (a query timed out): still running as far as we know
          }
          JsonNode view = a.body();
          status.put(running.get(i), view.path("workflowStatus").asText());
          JsonNode gate = view.path("progress").path("openGate");
          if ("RUNNING".equals(view.path("workflowStatus").asText()) && gate.isObject()) {
            atGate++;
            approver.opened(running.get(i), gate);
          }
        }
        if (System.nanoTime() - lastPrint >= PRINT_EVERY.toNanos()) {
          lastPrint = System.nanoTime();
          long closed = status.values().stream().filter(s -> !s.equals("RUNNING")).count();
          out.printf("  t+%s: %d running (%d at a gate), %d closed%n",
              Figures.duration(Duration.ofNanos(lastPrint - started)), migrations.size() - closed, atGate, closed);
        }
        long rest = ROUND.toMillis() - (System.nanoTime() - round) / 1_000_000;
        if (rest > 0) {
          Figures.sleep(rest);
        }
      }
      return status;
    } finally {
      views.shutdownNow();
    }
  }
}
