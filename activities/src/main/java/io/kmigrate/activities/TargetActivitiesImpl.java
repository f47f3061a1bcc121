package io.kmigrate.activities;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.Groups;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.activities.kafka.TopicSettings;
import io.kmigrate.activities.security.SecurityParity;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AclCopyReport;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.TargetActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates each topic on the target exactly as on the source and seeds the plan's groups at the
 * target's log start, so a consumer with auto.offset.reset=latest cannot skip what producers
 * write before it arrives; carries the plan's ACLs and quotas over (see {@link SecurityParity}).
 * Safe to retry: what is already right is left alone.
 */
public class TargetActivitiesImpl implements TargetActivities {
  /** Failure type when a target topic exists with other settings. */
  public static final String TOPIC_MISMATCH = "TopicMismatch";
  /** Failure type when the target refuses to create a topic with the source's settings. */
  public static final String TOPIC_REJECTED = "TopicRejected";
  /** How long the topics' leaders may take to serve them before the attempt fails (and is retried). */
  private static final Duration CREATED_SERVED_WITHIN = Duration.ofSeconds(30);

  private final Clusters clusters;

  public TargetActivitiesImpl(Clusters clusters) {
    this.clusters = clusters;
  }

  @Override
  public PrepareReport prepareTarget(MigrationPlan plan, List<String> topics) {
    Admin target = clusters.admin(plan.target());
    Map<String, TopicSettings> wanted = new TopicInspector(clusters.admin(plan.source())).settings(topics, true);
    Set<String> existing = new TopicInspector(target).existing();
    List<String> created = new ArrayList<>();
    List<String> toCompare = new ArrayList<>(topics.stream().filter(existing::contains).toList());
    for (String topic : topics) {
      if (existing.contains(topic)) {
        continue;
      }
      ActivityHeartbeat.beat();
      TopicSettings s = wanted.get(topic);
      try {
        get(target.createTopics(List.of(new NewTopic(topic, s.partitions(), s.replicationFactor()).configs(s.configs()))).all());
        created.add(topic);
      } catch (TopicExistsException e) {
        toCompare.add(topic); // created meanwhile, e.g. by an earlier attempt of this activity
      } catch (ApiException e) {
        if (!refusal(e)) {
          throw e;
        }
        // The target refuses this topic as it is on the source: retrying cannot help.
        throw ApplicationFailure.newNonRetryableFailure(
            "target refused topic " + topic + " " + s + ": " + e.getMessage(), TOPIC_REJECTED);
      }
    }
    List<String> diff = differences(target, wanted, toCompare);
    if (!diff.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "target topics differ from the source: " + String.join("; ", diff), TOPIC_MISMATCH, diff);
    }
    // Wait until the topics' leaders serve them, so neither seeding nor a mirror or producer
    // arriving the moment this returns races their creation (see TopicInspector.awaitServed). All
    // of them, not only those this attempt created: an earlier attempt may have created the rest.
    new TopicInspector(target).awaitServed(topics, CREATED_SERVED_WITHIN, ActivityHeartbeat::beat);
    ActivityHeartbeat.beat();
    AclCopyReport acls = new SecurityParity(plan, topics, clusters.admin(plan.source()), target, clusters.config(plan.target()).bootstrapServers()).prepare();
    ActivityHeartbeat.beat();
    List<String> seeded = seedGroups(target, plan.consumerGroups(), topics);
    return new PrepareReport(created, toCompare, seeded, acls);
  }

  private static boolean refusal(ApiException e) {
    return e instanceof InvalidConfigurationException || e instanceof PolicyViolationException
        || e instanceof InvalidReplicationFactorException || e instanceof InvalidPartitionsException;
  }

  private static List<String> differences(Admin target, Map<String, TopicSettings> wanted, List<String> topics) {
    if (topics.isEmpty()) {
      return List.of();
    }
    Map<String, TopicSettings> actual = new TopicInspector(target).settings(topics, false);
    return topics.stream().sorted().flatMap(t -> wanted.get(t).differencesFrom(actual.get(t)).stream()).toList();
  }

  /** Commits the log start for every partition a group has no commit on yet; skips active groups. */
  private static List<String> seedGroups(Admin target, List<String> groups, List<String> topics) {
    if (groups.isEmpty()) {
      return List.of();
    }
    List<TopicPartition> partitions = new TopicInspector(target).partitions(topics);
    Map<TopicPartition, OffsetSpec> earliest = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
    Map<TopicPartition, Long> logStart = new HashMap<>();
    get(target.listOffsets(earliest).all()).forEach((tp, info) -> logStart.put(tp, info.offset()));
    Map<String, Optional<ConsumerGroupDescription>> described = Groups.describe(target, groups);
    List<String> seeded = new ArrayList<>();
    for (String group : groups) {
      if (Groups.members(described.get(group)) > 0) {
        continue; // already consuming on the target: its own commits rule
      }
      Map<TopicPartition, OffsetAndMetadata> committed = get(target.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
      Map<TopicPartition, OffsetAndMetadata> seeds = new HashMap<>();
      for (TopicPartition tp : partitions) {
        if (committed.get(tp) == null) {
          seeds.put(tp, new OffsetAndMetadata(logStart.get(tp), "seeded by kmigrate at log start"));
        }
      }
      if (!seeds.isEmpty()) {
        get(target.alterConsumerGroupOffsets(group, seeds).all());
        seeded.add(group);
      }
    }
    return seeded;
  }
}
