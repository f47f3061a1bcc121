package io.kmigrate.api.migrations;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a migration started through the API shows in the Temporal UI from its first moment: a
 * one-line summary in the workflow list, details on its page (what moves where, by whom, from
 * which plan), and the search attributes the workflow keeps current afterwards.
 */
final class StartSummary {
  /** The most topics, groups or clients the details name one by one. */
  static final int LISTED = 20;

  private StartSummary() {}

  /** "production-first: 2 topic(s) from source to target". */
  static String summary(MigrationPlan plan) {
    String what = plan.topics() != null ? plan.topics().size() + " topic(s)" : "topics matching " + plan.topicPattern();
    return plan.scheme().id() + ": " + what + " from " + plan.source() + " to " + plan.target();
  }

  static String details(MigrationPlan plan, String by, String address) {
    return "**" + plan.name() + "**, scheme `" + plan.scheme().id() + "`, from `" + plan.source() + "` to `" + plan.target() + "`\n\n"
        + "- topics: " + (plan.topics() != null ? listed(plan.topics()) : "matching `" + plan.topicPattern() + "`") + "\n"
        + "- consumer groups: " + (plan.consumerGroups().isEmpty() ? "none" : listed(plan.consumerGroups())) + "\n"
        + "- clients: " + listed(plan.clients().stream().map(StartSummary::client).toList()) + "\n"
        + "- mirror: " + (plan.mirrors() ? "MirrorMaker 2 copies the stored messages" : "none") + "\n\n"
        + "Started through kmigrate's API by " + by + " from " + address + ". The plan and the audit log: `GET /api/v1/migrations/"
        + plan.name() + "`; where it is now: the current details below, or `temporal workflow query --workflow-id " + plan.name()
        + " --type progress`.";
  }

  static SearchAttributes searchAttributes(MigrationPlan plan) {
    return SearchAttributes.newBuilder()
        .set(MigrationSearchAttributes.SCHEME, plan.scheme().id())
        .set(MigrationSearchAttributes.SOURCE, plan.source())
        .set(MigrationSearchAttributes.TARGET, plan.target())
        .set(MigrationSearchAttributes.PHASE, "starting")
        .build();
  }

  private static String client(ClientGroup c) {
    return c.name() + " (" + c.role().name().toLowerCase(java.util.Locale.ROOT) + ", " + c.strategy().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  private static String listed(List<String> items) {
    String shown = items.stream().limit(LISTED).map(i -> "`" + i + "`").collect(Collectors.joining(", "));
    return items.size() > LISTED ? shown + " and " + (items.size() - LISTED) + " more" : shown;
  }
}
