package io.kmigrate.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * One process's metrics in Prometheus' registry: the Temporal SDK's (client and worker) and
 * kmigrate's own reach it through the tally {@link #scope()} handed to the service stubs, which
 * is also what workflows and activities get from {@code getMetricsScope()}. Gauges the process
 * computes itself (e.g. migrations by phase) go straight to {@link #registry()}.
 */
public final class KmigrateMetrics implements AutoCloseable {
  /** Prometheus' text exposition format (version 0.0.4), which every Prometheus scrapes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** How often tally hands counters and gauges to the registry: a scrape sees values at most this old. */
  static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

  /**
   * Timers get histogram buckets up to 30 s by default; a gate waits for people and a manual
   * repoint for a deploy, minutes to days, so kmigrate's own timers get buckets up to 7 days.
   */
  private static final MeterFilter HUMAN_SCALE_BUCKETS = new MeterFilter() {
    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
      if (!id.getName().startsWith("kmigrate_")) {
        return config;
      }
      return DistributionStatisticConfig.builder()
          .minimumExpectedValue((double) Duration.ofMillis(100).toNanos())
          .maximumExpectedValue((double) Duration.ofDays(7).toNanos())
          .build()
          .merge(config);
    }
  };

  private final PrometheusMeterRegistry registry;
  private final Scope scope;

  private KmigrateMetrics(PrometheusMeterRegistry registry, Scope scope) {
    this.registry = registry;
    this.scope = scope;
  }

  public static KmigrateMetrics start() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(HUMAN_SCALE_BUCKETS);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry)).reportEvery(REPORT_EVERY);
    return new KmigrateMetrics(registry, scope);
  }

  /** The scope for WorkflowServiceStubsOptions: SDK and workflow/activity metrics report through it. */
  public Scope scope() {
    return scope;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Everything the registry holds, in {@link #CONTENT_TYPE}. */
  public String scrape() {
    return registry.scrape(CONTENT_TYPE);
  }

  @Override
  public void close() throws Exception {
    try {
      scope.close(); // reports what is still buffered
    } finally {
      registry.close();
    }
  }
}
