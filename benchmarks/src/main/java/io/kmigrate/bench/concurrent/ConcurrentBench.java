package io.kmigrate.bench.concurrent;

import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.BenchUsageException;
import io.kmigrate.bench.Figures;
import io.kmigrate.demo.ApiClient;
import io.kmigrate.demo.DeliveryLedger;
import io.kmigrate.localstack.ChildJvm;
import io.kmigrate.worker.KmigrateRuntime;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * {@code bench concurrent}: {@code --migrations} production-first migrations in flight at once on
 * one {@code kmigrate worker} (a child JVM with its own heap cap), against the local stack. Each
 * moves a sample app of its own (topic, group, a producer and a consumer at a low rate following
 * their routes); an operator approves each gate 2-5 s after it opens, through the API. Measured:
 * the worker's heap high-water mark (its GC log), the time from each approval to the next step
 * starting (Temporal's history), the wall time, and what the apps lost.
 */
public final class ConcurrentBench {
  public static final Set<String> OPTIONS = Set.of("migrations", "worker-heap");
  public static final Set<String> FLAGS = Set.of("smoke");
  static final long TARGET_HEAP_MB = 1024;
  static final long TARGET_P99_MS = 500;
  private static final int RATE_PER_APP = 5;
  private static final String WAITS = "{pollInterval: 1s, stableFor: 3s, maxWait: 10m, stallAfter: 1m}";
  private static final Duration GATE_DELAY_MIN = Duration.ofSeconds(2);
  private static final Duration GATE_DELAY_MAX = Duration.ofSeconds(5);

  private ConcurrentBench() {}

  /** @return 0 when every migration completed and no app lost a record (a missed target is printed), 1 otherwise */
  public static int run(BenchArgs args) {
    int count = args.positiveInt("migrations", args.flag("smoke") ? 3 : 100);
    String heap = args.text("worker-heap", "1g");
    if (!heap.matches("\\d+[mg]")) {
      throw new BenchUsageException("--worker-heap must be a heap size such as 512m or 1g, not '" + heap + "'");
    }
    PrintStream out = System.out;
    out.printf("concurrent: %d %s migrations at once on one `kmigrate worker` child JVM (-Xmx%s, SerialGC), each app %d msg/s"
        + " over its own topic and group, gates approved %d-%d s after they open%n",
        count, SampleApp.SCHEME, heap, RATE_PER_APP, GATE_DELAY_MIN.toSeconds(), GATE_DELAY_MAX.toSeconds());
    long t0 = System.nanoTime();
    try (ProductStack stack = ProductStack.start("concurrent", heap)) {
      out.printf("  stack up in %.1f s: Temporal, source, target, API %s; worker pid %d%n", seconds(t0), stack.apiBase(), stack.worker().pid());
      return measure(stack, count, heap, out);
    } catch (Exception e) {
      out.println("concurrent: the run failed: " + e);
      return 1;
    }
  }

  private static int measure(ProductStack stack, int count, String heap, PrintStream out) throws Exception {
    KmigrateRuntime runtime = stack.runtime();
    ApiClient api = new ApiClient(stack.apiBase());
    List<SampleApp> apps = new ArrayList<>();
    try (GateApprover approver = new GateApprover(api, GATE_DELAY_MIN, GATE_DELAY_MAX)) {
      long t = System.nanoTime();
      SampleApp.launchAll(apps, "concurrent", count, RATE_PER_APP, runtime, stack.apiBase());
      out.printf("  %d apps producing on source (%d msg/s in all) after %.1f s%n", count, count * RATE_PER_APP, seconds(t));

      for (SampleApp a : apps) {
        ApiClient.Answer started = api.startMigration(a.plan(WAITS));
        if (started.status() != 201) {
          throw new IllegalStateException("starting " + a.migration() + " answered " + started.status() + " " + started.body());
        }
      }
      List<String> ids = apps.stream().map(SampleApp::migration).toList();
      CpuSample cpuBefore = CpuSample.take(stack.worker().pid());
      Map<String, String> status = new MigrationFollower(api, approver, out).follow(ids, maxRun(count));
      String cpu = CpuSample.take(stack.worker().pid()).since(cpuBefore);

      for (SampleApp a : apps) {
        a.stopProducing();
      }
      long deadline = System.currentTimeMillis() + 30_000;
      while (apps.stream().anyMatch(a -> a.ledger().lost() > 0) && System.currentTimeMillis() < deadline) {
        Figures.sleep(200); // the consumers, on the target now, read what was produced last
      }
      List<MigrationHistory> histories = ids.stream().map(id -> MigrationHistory.read(runtime.temporal().client(), id)).toList();
      if (status.values().stream().anyMatch(s -> !s.equals("COMPLETED"))) {
        out.println("  the worker's output ends:\n" + ChildJvm.tail(stack.worker().log()).indent(4).stripTrailing());
      }
      stack.stopWorker();
      GcLog gc = GcLog.read(stack.workerGcLog());
      if (gc.collections() == 0) {
        out.println("concurrent: the worker's GC log has no collection: " + ChildJvm.tail(stack.workerGcLog()));
      }
      return report(new Outcome(count, heap, status, histories, approver.approvals(), approver.unplanned(),
          apps.stream().map(SampleApp::ledger).toList(), apps.stream().mapToLong(SampleApp::failedRouteChecks).sum(), gc, cpu), out);
    } finally {
      for (SampleApp a : apps) {
        a.stop();
      }
    }
  }

  /** What one run measured. */
  private record Outcome(int count, String heap, Map<String, String> status, List<MigrationHistory> histories,
      List<GateApprover.Approval> approvals, Map<String, String> unplanned, List<DeliveryLedger> ledgers, long failedRouteChecks, GcLog gc, String cpu) {
    long completed() {
      return status.values().stream().filter("COMPLETED"::equals).count();
    }

    long sum(ToLongFunction<DeliveryLedger> figure) {
      return ledgers.stream().mapToLong(figure).sum();
    }
  }

  private static int report(Outcome o, PrintStream out) {
    List<MigrationHistory> h = o.histories();
    Instant firstStart = h.stream().map(MigrationHistory::started).min(Comparator.naturalOrder()).orElseThrow();
    Instant lastStart = h.stream().map(MigrationHistory::started).max(Comparator.naturalOrder()).orElseThrow();
    Instant lastClose = h.stream().map(MigrationHistory::closed).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(Instant.now());
    long together = h.stream().filter(m -> m.closed() == null || m.closed().isAfter(lastStart)).count();
    double wallS = Duration.between(firstStart, lastClose).toMillis() / 1000.0;
    List<Double> took = h.stream().filter(m -> m.closed() != null)
        .map(m -> Duration.between(m.started(), m.closed()).toMillis() / 1000.0).toList();
    out.printf("  migrations: %d COMPLETED of %d%s; in flight together when the last one started: %d; each took p50 %.0f s, max %.0f s; wall %.1f s%n",
        o.completed(), o.count(), o.completed() == o.count() ? "" : " " + notCompleted(o.status()), together,
        Figures.median(took), Figures.percentile(took, 100), wallS);
    out.printf("  apps: produced %d, consumed %d, lost %d, duplicates %d, out of order %d; route checks the API did not answer: %d%n",
        o.sum(DeliveryLedger::produced), o.sum(DeliveryLedger::consumed), o.sum(DeliveryLedger::lost),
        o.sum(DeliveryLedger::duplicates), o.sum(DeliveryLedger::outOfOrder), o.failedRouteChecks());
    h.stream().filter(m -> m.failure() != null).collect(Collectors.groupingBy(MigrationHistory::failure, Collectors.counting()))
        .forEach((failure, n) -> out.printf("  %d failed: %s%n", n, failure));
    o.unplanned().forEach((gate, question) -> out.printf("  unplanned gate %s: %s%n", gate, question));

    List<MigrationHistory.GateToStep> decisions = h.stream().flatMap(m -> m.decisions().stream()).toList();
    List<Double> toStarted = decisions.stream().map(d -> (double) d.toStartedMs()).toList();
    List<Double> toScheduled = decisions.stream().map(d -> (double) d.toScheduledMs()).toList();
    List<Double> apiCall = o.approvals().stream().filter(a -> a.httpStatus() == 200).map(a -> (double) a.tookMs()).toList();
    out.printf("  gate decisions: %d in history (%d approvals sent, %d answered 200); update accepted -> next step's first activity"
            + " started: p50 %.0f ms, p99 %.0f ms, max %.0f ms (scheduled: p50 %.0f ms, p99 %.0f ms)%n",
        decisions.size(), o.approvals().size(), apiCall.size(), Figures.median(toStarted), Figures.percentile(toStarted, 99),
        Figures.percentile(toStarted, 100), Figures.median(toScheduled), Figures.percentile(toScheduled, 99));
    decisionPath(decisions, out);
    out.printf("  the approve call itself (POST to 200, the update accepted and completed): p50 %.0f ms, p99 %.0f ms%n",
        Figures.median(apiCall), Figures.percentile(apiCall, 99));
    GcLog gc = o.gc();
    out.printf("  worker heap (its GC log, -Xmx%s): high-water %d MB used before a collection, at most %d MB retained after one,"
            + " %d MB committed; %d collections (%d full), longest pause %.0f ms, %.1f s paused in all%n",
        o.heap(), gc.maxBeforeMb(), gc.maxAfterMb(), gc.maxCommittedMb(), gc.collections(), gc.fullCollections(),
        gc.longestPauseMs(), gc.totalPauseMs() / 1000);
    out.printf("  CPU while the migrations ran: %s%n", o.cpu());
    activitiesByType(h, out);

    long lost = o.sum(DeliveryLedger::lost);
    double p50 = Figures.median(toStarted);
    double p99 = Figures.percentile(toStarted, 99);
    out.printf("  targets: heap < %d MB %s; p99 < %d ms %s; all COMPLETED %s; lost 0 %s%n",
        TARGET_HEAP_MB, Figures.met(gc.maxBeforeMb() < TARGET_HEAP_MB), TARGET_P99_MS, Figures.met(p99 < TARGET_P99_MS),
        Figures.met(o.completed() == o.count()), Figures.met(lost == 0));
    out.printf("concurrent migrations=%d completed=%d lost=%d heap_max_mb=%d gate_to_step_p50_ms=%.0f p99_ms=%.0f wall_s=%.1f%n",
        o.count(), o.completed(), lost, gc.maxBeforeMb(), p50, p99, wallS);
    return o.completed() == o.count() && lost == 0 ? 0 : 1;
  }

  /**
   * Where a decision's way to the next step goes: a workflow task schedules the step (after the
   * audit write only if the workflow waited for it), then a worker starts it. The audit write is
   * shown either way.
   */
  private static void decisionPath(List<MigrationHistory.GateToStep> decisions, PrintStream out) {
    List<MigrationHistory.WorkflowTask> tasks = decisions.stream().map(d -> d.step().scheduledBy()).filter(t -> t != null && t.scheduled() != null).toList();
    List<Double> toScheduled = decisions.stream().map(d -> (double) d.toScheduledMs()).toList();
    List<Double> taskWaited = tasks.stream().map(t -> (double) t.waitedForPollerMs()).toList();
    List<Double> taskRan = tasks.stream().map(t -> (double) t.ranMs()).toList();
    List<Double> toStart = decisions.stream().map(d -> (double) d.step().waitedForSlotMs()).toList();
    List<Double> auditRan = decisions.stream().filter(d -> d.audit() != null).map(d -> (double) d.audit().ranMs()).toList();
    long onTheWay = decisions.stream().filter(MigrationHistory.GateToStep::auditOnTheWay).count();
    out.printf("    its way, p50/p99 ms: accepted -> step scheduled %.0f/%.0f [the workflow task that scheduled it: waited for the worker"
            + " %.0f/%.0f, ran %.0f/%.0f], step scheduled -> started %.0f/%.0f%n",
        Figures.median(toScheduled), Figures.percentile(toScheduled, 99), Figures.median(taskWaited), Figures.percentile(taskWaited, 99),
        Figures.median(taskRan), Figures.percentile(taskRan, 99), Figures.median(toStart), Figures.percentile(toStart, 99));
    out.printf("    the decision's audit write (%d found) ran p50 %.0f ms, p99 %.0f ms; the step waited for it in %d of %d decisions%n",
        auditRan.size(), Figures.median(auditRan), Figures.percentile(auditRan, 99), onTheWay, decisions.size());
  }

  /** Where the migrations' time went on the worker: per activity type, the wait for a slot and the run. */
  private static void activitiesByType(List<MigrationHistory> histories, PrintStream out) {
    Map<String, List<MigrationHistory.ActivityRun>> byType = histories.stream().flatMap(m -> m.activities().stream())
        .filter(a -> a.started() != null && a.closed() != null)
        .collect(Collectors.groupingBy(MigrationHistory.ActivityRun::type, TreeMap::new, Collectors.toList()));
    byType.forEach((type, runs) -> {
      List<Double> waited = runs.stream().map(a -> (double) a.waitedForSlotMs()).toList();
      List<Double> ran = runs.stream().map(a -> (double) a.ranMs()).toList();
      out.printf("    %-22s %4d runs (%d retried): scheduled->started p50 %5.0f ms, max %6.0f ms; started->closed p50 %6.0f ms, max %7.0f ms%n",
          type, runs.size(), runs.stream().filter(a -> a.attempt() > 1).count(), Figures.median(waited), Figures.percentile(waited, 100),
          Figures.median(ran), Figures.percentile(ran, 100));
    });
  }

  private static String notCompleted(Map<String, String> status) {
    return status.entrySet().stream().filter(e -> !e.getValue().equals("COMPLETED")).map(e -> e.getKey() + " " + e.getValue()).toList().toString();
  }

  /** Long enough for every migration at a fraction of the wait it would take alone. */
  private static Duration maxRun(int count) {
    return Duration.ofMinutes(2).plusSeconds(8L * count);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
