package io.kmigrate.api.metrics;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gauge recounted every {@code every} on a daemon thread of its own while the API runs. A
 * recount that fails (the store down) keeps the last values and says so at WARN; the health
 * checks say why.
 */
abstract class PeriodicGauge implements Managed {
  private static final Logger log = LoggerFactory.getLogger(PeriodicGauge.class);
  private final String name;
  private final Duration every;
  private ScheduledExecutorService scheduler;

  PeriodicGauge(String name, Duration every) {
    this.name = name;
    this.every = every;
  }

  /** Recounts now. */
  public abstract void refresh();

  @Override
  public void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kmigrate-gauge-" + name);
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("{} not recounted: {}", name, e.getMessage());
    }
  }

  @Override
  public void stop() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }
}
