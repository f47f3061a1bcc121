package io.kmigrate.api.metrics;

import io.kmigrate.activities.store.MigrationRecord;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauge {@value #NAME}{phase}: how many migrations are in each phase, recounted every
 * {@code every} from durable state: the store's rows, and for a running migration its progress
 * query (Temporal replays it on demand). Counted here, in the API, rather than by the workflows:
 * a workflow's metrics scope is silent while it replays, so after a worker restart a migration
 * parked at a gate would vanish from a workflow-emitted gauge until its next event; and one
 * count per deployment cannot be double-counted across several workers.
 */
public final class MigrationPhaseGauge extends PeriodicGauge {
  public static final String NAME = "kmigrate_migrations";
  /** The phase of a running migration whose progress cannot be read now (no worker answered). */
  public static final String UNKNOWN = "unknown";
  private static final Logger log = LoggerFactory.getLogger(MigrationPhaseGauge.class);

  private final Supplier<List<MigrationRecord>> migrations;
  private final Function<String, String> runningPhase;
  private final MultiGauge gauge;

  /**
   * @param migrations every migration the store knows
   * @param runningPhase a running migration's current phase (its progress query); may throw
   */
  public MigrationPhaseGauge(
      MeterRegistry registry, Supplier<List<MigrationRecord>> migrations, Function<String, String> runningPhase, Duration every) {
    super(NAME, every);
    this.migrations = migrations;
    this.runningPhase = runningPhase;
    this.gauge = MultiGauge.builder(NAME).description("migrations by phase").register(registry);
  }

  /** Counts now; a phase no migration is in any more disappears from the scrape. */
  @Override
  public void refresh() {
    Map<String, Integer> counts = new TreeMap<>();
    for (MigrationRecord m : migrations.get()) {
      counts.merge(phaseOf(m), 1, Integer::sum);
    }
    gauge.register(
        counts.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("phase", e.getKey()), e.getValue())).toList(), true);
  }

  private String phaseOf(MigrationRecord m) {
    if (m.status() != MigrationStatus.RUNNING) {
      return m.status().name().toLowerCase(Locale.ROOT); // completed, failed, aborted, cancelled: the workflow's last phase too
    }
    try {
      return runningPhase.apply(m.id());
    } catch (RuntimeException e) {
      log.debug("phase of migration {} unknown: {}", m.id(), e.getMessage());
      return UNKNOWN;
    }
  }
}
