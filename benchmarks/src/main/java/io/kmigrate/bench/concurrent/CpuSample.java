package io.kmigrate.bench.concurrent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by the processes of a run: the worker, the brokers (this JVM's other
 * children), and this JVM itself (the in-memory Temporal, the API, the sample apps). On a machine
 * of a few cores they share, it tells which one the run waited for.
 */
record CpuSample(long atNanos, Map<String, Duration> byRole) {
  static final String WORKER = "worker";
  static final String BROKERS = "brokers";
  static final String THIS_JVM = "this JVM (Temporal, API, apps)";

  static CpuSample take(long workerPid) {
    Map<String, Duration> byRole = new LinkedHashMap<>();
    byRole.put(WORKER, Duration.ZERO);
    byRole.put(BROKERS, Duration.ZERO);
    byRole.put(THIS_JVM, cpu(ProcessHandle.current()));
    ProcessHandle.current().descendants().forEach(p -> byRole.merge(p.pid() == workerPid ? WORKER : BROKERS, cpu(p), Duration::plus));
    return new CpuSample(System.nanoTime(), byRole);
  }

  private static Duration cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** E.g. {@code worker 58.0 s, brokers 120.3 s, this JVM ... 300.1 s: 1.6 cores busy on average over 300 s}. */
  String since(CpuSample earlier) {
    StringBuilder out = new StringBuilder();
    double total = 0;
    for (var e : byRole.entrySet()) {
      double s = (e.getValue().toMillis() - earlier.byRole.getOrDefault(e.getKey(), Duration.ZERO).toMillis()) / 1000.0;
      total += s;
      out.append(String.format("%s %.1f s, ", e.getKey(), s));
    }
    double wall = (atNanos - earlier.atNanos) / 1e9;
    return out.append(String.format("%.1f of %d cores busy on average over %.0f s", total / wall, Runtime.getRuntime().availableProcessors(), wall))
        .toString();
  }
}
