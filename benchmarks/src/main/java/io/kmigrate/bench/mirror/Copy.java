package io.kmigrate.bench.mirror;

/**
 * One timed copy of the data set: when its records arrived on the target, the CPU it took, and
 * how many records the target topic held once it was over.
 */
record Copy(Arrival arrival, CpuUse cpu, long held, String note) {
  double recordsPerSecond() {
    return arrival.recordsPerSecond();
  }
}
