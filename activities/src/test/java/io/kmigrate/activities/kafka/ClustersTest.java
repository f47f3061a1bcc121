package io.kmigrate.activities.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.config.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** Calls to one cluster spread over a few Admin clients, so no single broker connection queues them all. */
class ClustersTest {
  // Admin connects lazily: nothing listens here and nothing needs to.
  private final Clusters clusters = new Clusters(Map.of("source", new ClusterConfig("127.0.0.1:1", Map.of())), new SecretResolver(n -> null));

  @Test
  void callsTakeTheClustersAdminClientsInTurn() {
    try (clusters) {
      List<Admin> taken = IntStream.range(0, 2 * Clusters.ADMINS_PER_CLUSTER).mapToObj(i -> clusters.admin("source")).toList();

      Set<Admin> distinct = new HashSet<>(taken);
      assertThat(distinct).hasSize(Clusters.ADMINS_PER_CLUSTER);
      assertThat(taken.subList(Clusters.ADMINS_PER_CLUSTER, taken.size())).as("the second round reuses them in the same order")
          .containsExactlyElementsOf(taken.subList(0, Clusters.ADMINS_PER_CLUSTER));
    }
  }

  @Test
  void anUnknownClusterIsRefusedNamingTheKnownOnes() {
    try (clusters) {
      assertThatThrownBy(() -> clusters.admin("nowhere")).isInstanceOf(ApplicationFailure.class)
          .hasMessageContaining("unknown cluster 'nowhere'").hasMessageContaining("[source]");
    }
  }
}
