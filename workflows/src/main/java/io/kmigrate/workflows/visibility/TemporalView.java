package io.kmigrate.workflows.visibility;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.gates.OpenGate;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a migration shows in Temporal's own tools as it moves: its search attributes (scheme,
 * clusters, topics, phase, open gate, and the campaign it is a unit of) and its current details, a short markdown page the Temporal
 * UI shows on the workflow: where it is, what the open gate asks, what approve and reject mean,
 * and the exact commands that decide it. Called on every change of phase or gate; upserts only
 * what changed, and only once {@link #indexed()} says the server has the attributes (setting an
 * unregistered one fails the workflow task on a real server).
 */
public final class TemporalView {
  private final MigrationPlan plan;
  private boolean indexed;
  private String shownPhase;
  private String shownGate = "";

  public TemporalView(MigrationPlan plan) {
    this.plan = plan;
  }

  /** From now on the search attributes are kept current: the server has them (the worker checked). */
  public void indexed(List<String> topics) {
    if (indexed) {
      return;
    }
    indexed = true;
    List<String> kept = topics.size() > MigrationSearchAttributes.TOPICS_KEPT ? topics.subList(0, MigrationSearchAttributes.TOPICS_KEPT) : topics;
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(List.of(
        MigrationSearchAttributes.SCHEME.valueSet(plan.scheme().id()),
        MigrationSearchAttributes.SOURCE.valueSet(plan.source()),
        MigrationSearchAttributes.TARGET.valueSet(plan.target()),
        MigrationSearchAttributes.TOPICS.valueSet(List.copyOf(kept))));
    // A unit of a campaign is its child: only campaigns start migrations as children.
    Workflow.getInfo().getParentWorkflowId().ifPresent(campaign -> updates.add(MigrationSearchAttributes.CAMPAIGN.valueSet(campaign)));
    Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
  }

  public boolean indexed() {
    return indexed;
  }

  /** Shows {@code phase}, the open {@code gate} (null: none) and the last lag (null: none yet). */
  public void refresh(String phase, OpenGate gate, LagSnapshot lastLag) {
    String gateName = gate == null ? "" : gate.name();
    if (indexed && (!Objects.equals(phase, shownPhase) || !Objects.equals(gateName, shownGate))) {
      List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
      if (!Objects.equals(phase, shownPhase)) {
        updates.add(MigrationSearchAttributes.PHASE.valueSet(phase));
      }
      if (!Objects.equals(gateName, shownGate)) {
        // Unset, not empty, when none is open: "KmigrateGate IS NOT NULL" then finds every migration waiting for a person.
        updates.add(gateName.isEmpty() ? MigrationSearchAttributes.GATE.valueUnset() : MigrationSearchAttributes.GATE.valueSet(gateName));
      }
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
      shownPhase = phase;
      shownGate = gateName;
    }
    Workflow.setCurrentDetails(details(phase, gate, lastLag));
  }

  private String details(String phase, OpenGate gate, LagSnapshot lastLag) {
    String id = Workflow.getInfo().getWorkflowId();
    StringBuilder md = new StringBuilder();
    md.append("**").append(id).append("**: ").append(plan.scheme().id()).append(", ").append(plan.source()).append(" → ").append(plan.target())
        .append("\n\nPhase: `").append(phase).append("`\n");
    if (gate != null) {
      md.append("\n### Waiting at gate `").append(gate.name()).append("`\n\n").append(gate.question()).append("\n\n")
          .append("- **approve**: ").append(gate.approveMeans()).append("\n")
          .append("- **reject**: ").append(gate.rejectMeans()).append("\n\n")
          .append("Decide with the Temporal CLI (or `--name ").append(MigrationControl.REJECT).append("`):\n\n```\n")
          .append("temporal workflow update execute --workflow-id ").append(id).append(" --name ").append(MigrationControl.APPROVE)
          .append(" --input '{\"gate\":\"").append(gate.name()).append("\",\"by\":\"YOUR NAME\",\"comment\":\"WHY\"}'\n```\n\n")
          .append("or kmigrate's REST API:\n\n```\n")
          .append("curl -X POST -H \"Authorization: Bearer $KMIGRATE_TOKEN\" -H 'Content-Type: application/json' ")
          .append("-d '{\"by\":\"YOUR NAME\",\"comment\":\"WHY\"}' $KMIGRATE_API/api/v1/migrations/").append(id)
          .append("/gates/").append(gate.name()).append("/approve\n```\n");
    }
    if (lastLag != null) {
      md.append("\nLast lag: ").append(lastLag.totalLag()).append(" on ").append(lastLag.partitionCount()).append(" partition(s) at ")
          .append(lastLag.at()).append("\n");
    }
    return md.toString();
  }
}
