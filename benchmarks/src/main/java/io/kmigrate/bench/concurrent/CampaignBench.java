package io.kmigrate.bench.concurrent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bench campaign}: one campaign of {@code --units} production-first migrations, each moving
 * a sample app of its own as {@code bench concurrent} does, in two waves (a canary tenth, then the
 * rest side by side), on one {@code kmigrate worker} child JVM. Each wave is approved as soon as it
 * opens; each unit's gates 2-5 s after they open. Measured: the campaign's wall time against the sum
 * of its units' own durations (one after another) and the longest one (all at once), the time from
 * a wave's approval to each of its units' first step, the worker's heap, and what the apps lost.
 */
public final class CampaignBench {
  public static final Set<String> OPTIONS = Set.of("units", "worker-heap");
  public static final Set<String> FLAGS = Set.of("smoke");
  static final long TARGET_P99_MS = 1000;
  private static final int RATE_PER_APP = 5;
  private static final String WAITS = "{pollInterval: 1s, stableFor: 3s, maxWait: 10m, stallAfter: 1m}";
  private static final YAMLMapper YAML = new YAMLMapper();

  private CampaignBench() {}

  /** @return 0 when the campaign and every unit completed and no app lost a record (a missed target is printed), 1 otherwise */
  public static int run(BenchArgs args) {
    int units = args.positiveInt("units", args.flag("smoke") ? 3 : 50);
    String heap = args.text("worker-heap", "1g");
    if (units < 2 || units > 200) {
      throw new BenchUsageException("--units takes 2 to 200 (a campaign holds at most 200 units), not " + units);
    }
    if (!heap.matches("\\d+[mg]")) {
      throw new BenchUsageException("--worker-heap must be a heap size such as 512m or 1g, not '" + heap + "'");
    }
    PrintStream out = System.out;
    int canary = Math.max(1, units / 10);
    out.printf("campaign: %d %s migrations as one campaign in 2 waves (%d, then %d side by side) on one `kmigrate worker` child JVM"
            + " (-Xmx%s, SerialGC), each app %d msg/s over its own topic and group, unit gates approved 2-5 s after they open%n",
        units, SampleApp.SCHEME, canary, units - canary, heap, RATE_PER_APP);
    long t0 = System.nanoTime();
    try (ProductStack stack = ProductStack.start("campaign", heap)) {
      out.printf("  stack up in %.1f s: Temporal, source, target, API %s; worker pid %d%n", (System.nanoTime() - t0) / 1e9, stack.apiBase(),
          stack.worker().pid());
      return measure(stack, units, canary, heap, out);
    } catch (Exception e) {
      out.println("campaign: the run failed: " + e);
      return 1;
    }
  }

  private static int measure(ProductStack stack, int count, int canary, String heap, PrintStream out) throws Exception {
    KmigrateRuntime runtime = stack.runtime();
    ApiClient api = new ApiClient(stack.apiBase());
    List<SampleApp> apps = new ArrayList<>();
    try (GateApprover approver = new GateApprover(api, Duration.ofSeconds(2), Duration.ofSeconds(5))) {
      SampleApp.launchAll(apps, "campaign", count, RATE_PER_APP, runtime, stack.apiBase());
      out.printf("  %d apps producing on source (%d msg/s in all)%n", count, count * RATE_PER_APP);

      String id = "bench-campaign-" + Instant.now().getEpochSecond();
      ApiClient.Answer started = api.startCampaign(campaign(id, apps, canary));
      if (started.status() != 201) {
        throw new IllegalStateException("starting campaign " + id + " answered " + started.status() + " " + started.body());
      }
      List<String> ids = apps.stream().map(SampleApp::migration).toList();
      Map<String, String> status;
      String campaignStatus;
      try (WaveApprover waves = new WaveApprover(api, id, out)) {
        // Units of a wave not started yet answer 404: the follower counts them as running until they end.
        status = new MigrationFollower(api, approver, out).follow(ids, Duration.ofMinutes(3).plusSeconds(6L * count));
        campaignStatus = awaitEnd(waves);
      }
      for (SampleApp a : apps) {
        a.stopProducing();
      }
      long deadline = System.currentTimeMillis() + 30_000;
      while (apps.stream().anyMatch(a -> a.ledger().lost() > 0) && System.currentTimeMillis() < deadline) {
        Figures.sleep(200); // the consumers, on the target now, read what was produced last
      }
      CampaignHistory campaign = CampaignHistory.read(runtime.temporal().client(), id);
      List<MigrationHistory> units = ids.stream().map(u -> MigrationHistory.read(runtime.temporal().client(), u)).toList();
      if (status.values().stream().anyMatch(s -> !s.equals("COMPLETED"))) {
        out.println("  the worker's output ends:\n" + ChildJvm.tail(stack.worker().log()).indent(4).stripTrailing());
      }
      stack.stopWorker();
      GcLog gc = GcLog.read(stack.workerGcLog());
      return report(count, canary, heap, campaignStatus, status, campaign, units, apps.stream().map(SampleApp::ledger).toList(), gc, out);
    } finally {
      for (SampleApp a : apps) {
        a.stop();
      }
    }
  }

  /** The campaign: every app's plan inline, the first {@code canary} units in wave 1, the rest in wave 2. */
  private static ObjectNode campaign(String id, List<SampleApp> apps, int canary) throws Exception {
    ObjectNode c = JsonNodeFactory.instance.objectNode().put("name", id).put("onFailure", "continue");
    ArrayNode waves = c.putArray("waves");
    ArrayNode first = waves.addArray();
    ArrayNode second = waves.addArray();
    ArrayNode plans = c.putArray("plans");
    for (int i = 0; i < apps.size(); i++) {
      (i < canary ? first : second).add(apps.get(i).migration());
      plans.add(YAML.readTree(apps.get(i).plan(WAITS)));
    }
    return c;
  }

  /** The units ended; the campaign records that a moment later. */
  private static String awaitEnd(WaveApprover waves) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (("RUNNING".equals(waves.status()) || "WAITING_FOR_APPROVAL".equals(waves.status())) && System.currentTimeMillis() < deadline) {
      Figures.sleep(500);
    }
    return waves.status();
  }

  private static int report(int count, int canary, String heap, String campaignStatus, Map<String, String> status, CampaignHistory campaign,
      List<MigrationHistory> units, List<DeliveryLedger> ledgers, GcLog gc, PrintStream out) {
    long completed = status.values().stream().filter("COMPLETED"::equals).count();
    List<Double> took = units.stream().filter(u -> u.closed() != null)
        .map(u -> Duration.between(u.started(), u.closed()).toMillis() / 1000.0).toList();
    double sum = took.stream().mapToDouble(Double::doubleValue).sum();
    double longest = Figures.percentile(took, 100);
    // The best two waves can do: each wave as long as its longest unit, one after the other.
    double wavesLongest = longest(units.subList(0, canary)) + longest(units.subList(canary, units.size()));
    double wall = Duration.between(campaign.started(), Objects.requireNonNullElse(campaign.closed(), Instant.now())).toMillis() / 1000.0;
    // Each unit from its wave's accepted approval: to its workflow's start, and to its first step's first activity started.
    List<Double> toChild = new ArrayList<>();
    List<Double> toStep = new ArrayList<>();
    List<Double> toScheduled = new ArrayList<>();
    List<Double> slotWait = new ArrayList<>();
    List<String> firstTypes = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Instant approved = campaign.waveApproved().get(i < canary ? 1 : 2);
      MigrationHistory u = units.get(i);
      if (approved == null) {
        continue;
      }
      toChild.add((double) Duration.between(approved, u.started()).toMillis());
      u.activities().stream().filter(a -> a.started() != null).findFirst().ifPresent(a -> {
        toStep.add((double) Duration.between(approved, a.started()).toMillis());
        toScheduled.add((double) Duration.between(u.started(), a.scheduled()).toMillis());
        slotWait.add((double) a.waitedForSlotMs());
        firstTypes.add(a.type());
      });
    }
    Instant wave2 = campaign.waveApproved().get(2);
    Instant wave1Ended = units.subList(0, canary).stream().map(MigrationHistory::closed).filter(Objects::nonNull)
        .max(Instant::compareTo).orElse(null);
    long lost = ledgers.stream().mapToLong(DeliveryLedger::lost).sum();
    out.printf("  campaign %s; units: %d COMPLETED of %d; each took p50 %.0f s, max %.0f s%n", campaignStatus, completed, count,
        Figures.median(took), longest);
    out.printf("  wall %.1f s (campaign started -> closed) against the units' own durations: %.1f s one after another, %.1f s the longest"
            + " alone, %.1f s each wave's longest one after the other%n", wall, sum, longest, wavesLongest);
    if (wave2 != null && wave1Ended != null) {
      out.printf("  wave 1's last unit ended -> wave 2 approved: %.1f s (the wave gate opening and the approver's 1 s reads)%n",
          Duration.between(wave1Ended, wave2).toMillis() / 1000.0);
    }
    out.printf("  wave approved -> unit workflow started: p50 %.0f ms, p99 %.0f ms; -> its first step started: p50 %.0f ms, p99 %.0f ms,"
            + " max %.0f ms (%d units)%n", Figures.median(toChild), Figures.percentile(toChild, 99), Figures.median(toStep),
        Figures.percentile(toStep, 99), Figures.percentile(toStep, 100), toStep.size());
    out.printf("    its way, p50/p99 ms: unit started -> first activity (%s) scheduled %.0f/%.0f, scheduled -> started on the worker %.0f/%.0f%n",
        String.join(", ", new TreeSet<>(firstTypes)), Figures.median(toScheduled), Figures.percentile(toScheduled, 99),
        Figures.median(slotWait), Figures.percentile(slotWait, 99));
    out.printf("  apps: produced %d, consumed %d, lost %d, duplicates %d, out of order %d%n",
        ledgers.stream().mapToLong(DeliveryLedger::produced).sum(), ledgers.stream().mapToLong(DeliveryLedger::consumed).sum(), lost,
        ledgers.stream().mapToLong(DeliveryLedger::duplicates).sum(), ledgers.stream().mapToLong(DeliveryLedger::outOfOrder).sum());
    out.printf("  worker heap (its GC log, -Xmx%s): high-water %d MB used before a collection, at most %d MB retained after one;"
            + " %d collections, longest pause %.0f ms%n", heap, gc.maxBeforeMb(), gc.maxAfterMb(), gc.collections(), gc.longestPauseMs());
    double p99 = Figures.percentile(toStep, 99);
    out.printf("  targets: all COMPLETED %s; lost 0 %s; wave approved -> first step p99 < %d ms %s%n",
        Figures.met(completed == count && "COMPLETED".equals(campaignStatus)), Figures.met(lost == 0), TARGET_P99_MS, Figures.met(p99 < TARGET_P99_MS));
    out.printf("campaign units=%d waves=2 completed=%d lost=%d wall_s=%.1f sum_s=%.1f longest_s=%.1f waves_longest_s=%.1f wave_to_step_p50_ms=%.0f p99_ms=%.0f"
        + " heap_max_mb=%d%n", count, completed, lost, wall, sum, longest, wavesLongest, Figures.median(toStep), p99, gc.maxBeforeMb());
    return completed == count && "COMPLETED".equals(campaignStatus) && lost == 0 ? 0 : 1;
  }

  private static double longest(List<MigrationHistory> units) {
    return units.stream().filter(u -> u.closed() != null).mapToDouble(u -> Duration.between(u.started(), u.closed()).toMillis() / 1000.0)
        .max().orElse(0);
  }
}
