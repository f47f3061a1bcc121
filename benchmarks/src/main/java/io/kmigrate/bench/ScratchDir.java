package io.kmigrate.bench;

import io.kmigrate.localstack.LocalKafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's temporary directory for its brokers' data (gigabytes at full size), deleted on close. */
public record ScratchDir(Path path) implements AutoCloseable {
  /** A new directory named after the benchmark, e.g. {@code kmigrate-bench-lag123}. */
  public static ScratchDir create(String bench) {
    try {
      return new ScratchDir(Files.createTempDirectory("kmigrate-bench-" + bench));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      LocalKafkaCluster.deleteRecursively(path);
    } catch (IOException e) {
      System.out.println("bench: could not delete " + path + ": " + e);
    }
  }
}
