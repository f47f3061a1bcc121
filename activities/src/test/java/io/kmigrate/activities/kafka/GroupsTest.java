package io.kmigrate.activities.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.LocalClusters;
import io.kmigrate.activities.kafka.Groups;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.SharedStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Groups of either protocol are described as they are, and a classic group without the Admin
 * client's fallback wait (its retry backoff): a lag snapshot describes every plan group each poll.
 */
class GroupsTest {
  private static final String TOPIC = "groups.t";
  private static final Duration BACKOFF = Duration.ofSeconds(10);

  @Test
  void classicNewProtocolAndCommitOnlyGroupsAreDescribedWithoutTheRetryBackoff() throws Exception {
    String servers = SharedStack.stack().source().bootstrapServers();
    Admin admin = LocalClusters.shared().admin("source");
    LocalTraffic.createTopic(admin, TOPIC, 2, Map.of());
    admin.alterConsumerGroupOffsets("groups.commit-only", Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(0))).all().get();
    Properties newProtocol = new Properties();
    newProtocol.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> members = List.of(
        LocalTraffic.committingMember(servers, TOPIC, "groups.classic", running),
        LocalTraffic.committingMember(servers, TOPIC, "groups.new", running, 500, 0, newProtocol));
    List<String> groups = List.of("groups.classic", "groups.new", "groups.commit-only");
    try (Admin slowRetries = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, (int) BACKOFF.toMillis(),
        AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, (int) BACKOFF.toMillis()))) {
      awaitMembers(admin, "groups.classic", "groups.new");

      long started = System.nanoTime();
      Map<String, Optional<ConsumerGroupDescription>> described = Groups.describe(slowRetries, groups);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isLessThan(BACKOFF.dividedBy(2));
      assertThat(described.get("groups.classic")).hasValueSatisfying(d -> {
        assertThat(d.type()).isEqualTo(GroupType.CLASSIC);
        assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
        assertThat(d.members()).hasSize(1);
      });
      assertThat(described.get("groups.new")).hasValueSatisfying(d -> {
        assertThat(d.type()).isEqualTo(GroupType.CONSUMER);
        assertThat(d.members()).hasSize(1);
      });
      assertThat(described.get("groups.commit-only")).hasValueSatisfying(d -> {
        assertThat(d.groupState()).isEqualTo(GroupState.EMPTY);
        assertThat(d.members()).isEmpty();
      });
      assertThat(Groups.members(Groups.describe(admin, List.of("groups.unknown")).get("groups.unknown"))).isZero();
    } finally {
      running.set(false);
      for (Thread t : members) {
        t.join();
      }
    }
  }

  private static void awaitMembers(Admin admin, String... groups) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Map<String, Optional<ConsumerGroupDescription>> d = Groups.describe(admin, List.of(groups));
      if (d.values().stream().allMatch(g -> Groups.members(g) > 0 && g.get().groupState() == GroupState.STABLE)) {
        return;
      }
      assertThat(System.nanoTime()).as("members joined %s within 30 s", d).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
