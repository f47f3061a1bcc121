package io.kmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local cluster is ready once it has acknowledged a write, not only answered for metadata, and keeps no topic of it. */
class LocalKafkaClusterTest {
  @TempDir
  Path dir;

  @Test
  void aClusterIsReadyOnceItHasAcknowledgedAWriteAndKeepsNoTopicForIt() throws Exception {
    try (LocalKafkaCluster cluster = LocalKafkaCluster.launch("ready", 0, dir).awaitReady();
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      assertThat(readyTopicGone(admin)).as("the ready topic is deleted").isTrue();
      assertThat(deletedReadyLogs(1)).as("the deleted topic's log, which Kafka removes a minute later, holds the record")
          .hasSize(1).allSatisfy(size -> assertThat(size).isPositive());

      cluster.stop();
      cluster.restart();
      assertThat(deletedReadyLogs(2)).as("a restart takes a write again").hasSize(2).allSatisfy(size -> assertThat(size).isPositive());
      assertThat(readyTopicGone(admin)).as("the ready topic is deleted again").isTrue();
    }
  }

  /** The broker's metadata applies a deletion a moment after the controller committed it. */
  private static boolean readyTopicGone(Admin admin) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      if (!topics.contains(LocalKafkaCluster.READY_TOPIC)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** The sizes of the ready topic's deleted logs (renamed "-delete"; the rename may lag the deletion a little), once there are {@code atLeast}. */
  private List<Long> deletedReadyLogs(int atLeast) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<Long> sizes = List.of();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.walk(dir)) {
        sizes = files
            .filter(f -> f.getParent().getFileName().toString().startsWith(LocalKafkaCluster.READY_TOPIC + "-0."))
            .filter(f -> f.getParent().getFileName().toString().endsWith("-delete"))
            .filter(f -> f.getFileName().toString().endsWith(".log"))
            .map(f -> f.toFile().length())
            .toList();
        if (sizes.size() >= atLeast) {
          return sizes;
        }
      } catch (UncheckedIOException renamedWhileWalked) {
        // look again
      }
      Thread.sleep(100);
    }
    return sizes;
  }
}
