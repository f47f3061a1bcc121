package io.kmigrate.api.discover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmigrate.activities.discover.ClusterReader;
import io.kmigrate.activities.discover.GroupFacts;
import io.kmigrate.activities.discover.Inventory;
import io.kmigrate.activities.discover.MigrationUnit;
import io.kmigrate.activities.discover.TopicFacts;
import io.kmigrate.activities.discover.UnitSplitter;
import io.kmigrate.config.PlanProblem;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.config.outbound.OutboundPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * What {@code discover} does once its arguments are checked: reads a cluster through {@code admin},
 * splits it into units and writes the drafts (one plan per unit, {@code campaign.yaml},
 * {@code summary.md}, {@code graph.mmd}, {@code inventory.json}) into a new or empty directory.
 * The command and {@code demo --campaign} both run it.
 */
public final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What was read, the units, and each drafted plan's problems a person must settle ("move-a.yaml needs a person: ..."). */
  public record Result(Inventory inventory, List<MigrationUnit> units, Path dir, List<String> needsPerson) {
    public Map<String, GroupFacts> groups() {
      return inventory.groups().stream().collect(Collectors.toMap(GroupFacts::group, Function.identity()));
    }

    public Map<String, TopicFacts> topics() {
      return inventory.topics().stream().collect(Collectors.toMap(TopicFacts::name, Function.identity()));
    }
  }

  private Discovery() {}

  /**
   * @param topics only topics whose whole name matches, or null for all
   * @param progress a line at a time while a large cluster is read
   */
  public static Result draft(Admin admin, String cluster, String target, Pattern topics, Duration idleAfter, Path dir,
      Consumer<String> progress) throws Exception {
    Inventory inventory = new ClusterReader(admin, Clock.systemUTC(), progress).read(cluster, topics, idleAfter);
    List<MigrationUnit> units = UnitSplitter.split(inventory);
    Result result = new Result(inventory, units, dir, new ArrayList<>());
    Map<String, TopicFacts> topicFacts = result.topics();
    Map<String, GroupFacts> groupFacts = result.groups();

    Files.createDirectories(dir);
    PlanValidator validator = new PlanValidator(Set.of(cluster, target), OutboundPolicy.none("webhooks"));
    for (int i = 0; i < units.size(); i++) {
      MigrationUnit unit = units.get(i);
      String plan = PlanDraft.yaml(unit, i + 1, units.size(), cluster, target, topicFacts, groupFacts, inventory.readAt());
      Files.writeString(dir.resolve(unit.name() + ".yaml"), plan);
      // A group id Kafka accepts may still be one a plan refuses (too long, say): said, not hidden.
      for (PlanProblem p : validator.validate(plan)) {
        result.needsPerson().add(unit.name() + ".yaml needs a person: " + p.field() + ": " + p.message());
      }
    }
    if (!units.isEmpty()) {
      Files.writeString(dir.resolve("campaign.yaml"), CampaignDraft.yaml(cluster, target, units));
    }
    Files.writeString(dir.resolve("summary.md"), DiscoverySummary.markdown(inventory, units, topicFacts, groupFacts));
    Files.writeString(dir.resolve("graph.mmd"), DiscoverySummary.mermaid(units, groupFacts));
    Files.writeString(dir.resolve("inventory.json"), JSON.writeValueAsString(inventory));
    return result;
  }
}
