package io.kmigrate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Formatting and statistics shared by the benchmarks. */
public final class Figures {
  private Figures() {}

  /** {@code 72h00m30s}, {@code 10s}, {@code 250ms}. */
  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    if (h > 0) {
      return h + "h" + String.format("%02dm%02ds", m, s);
    }
    return m > 0 ? m + "m" + String.format("%02ds", s) : s + "s";
  }

  /** The value below which {@code p} percent of {@code values} fall (nearest rank). */
  public static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** How a target reads in a benchmark's output: "met", or "MISSED" so it stands out. */
  public static String met(boolean met) {
    return met ? "met" : "MISSED";
  }

  public static double median(List<Double> values) {
    return percentile(values, 50);
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
