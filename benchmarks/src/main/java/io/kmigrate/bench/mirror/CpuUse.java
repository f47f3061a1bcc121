package io.kmigrate.bench.mirror;

import java.time.Duration;

/**
 * CPU time taken by this JVM (the raw loop, or the embedded Connect worker running MirrorMaker 2)
 * and by each broker's JVM: the copies share two cores with the brokers, so what one copy costs
 * in CPU is what it leaves the brokers.
 */
record CpuUse(double benchSeconds, double sourceSeconds, double targetSeconds) {
  static CpuUse now(long sourcePid, long targetPid) {
    return new CpuUse(seconds(ProcessHandle.current()), seconds(ProcessHandle.of(sourcePid).orElseThrow()),
        seconds(ProcessHandle.of(targetPid).orElseThrow()));
  }

  CpuUse since(CpuUse before) {
    return new CpuUse(benchSeconds - before.benchSeconds, sourceSeconds - before.sourceSeconds, targetSeconds - before.targetSeconds);
  }

  @Override
  public String toString() {
    return String.format("CPU %.1f s in this JVM, %.1f s source broker, %.1f s target broker", benchSeconds, sourceSeconds, targetSeconds);
  }

  private static double seconds(ProcessHandle p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
  }
}
