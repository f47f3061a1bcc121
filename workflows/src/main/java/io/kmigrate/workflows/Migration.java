package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.TrafficWaits.Joined;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.kmigrate.workflows.visibility.TemporalView;
import java.util.List;

/**
 * One migration as a scheme runs it: the plan and the runbook's steps. A scheme only says which
 * steps run in what order. The steps keep what {@link MigrationWorkflowBase} needs to end the
 * migration whichever way it ends: the topics preflight resolved, every client repointed (an
 * abort undoes them, see {@link Rollback}), the mirror if one started (stopped when the migration
 * ends otherwise than completed) and the last lag a wait saw (shown by the progress query).
 */
final class Migration {
  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final Approvals approvals;
  private final Preparation preparation;
  private final Repointing repointing;
  private final TrafficWaits traffic;
  private List<String> topics = List.of();
  private LagSnapshot lastLag;
  private PrepareReport prepared;
  private final TemporalView view;
  private final Notifier notifier;
  private MirrorPhases mirror;

  Migration(MigrationPlan plan, ProgressTracker tracker, GateKeeper gates) {
    this.plan = plan;
    this.tracker = tracker;
    this.approvals = new Approvals(plan, tracker, gates);
    this.preparation = new Preparation(plan, tracker, gates, approvals);
    this.repointing = new Repointing(tracker, gates, approvals);
    this.traffic = new TrafficWaits(plan, tracker, approvals, snapshot -> {
      lastLag = snapshot;
      refreshView();
    });
    this.view = new TemporalView(plan);
    this.notifier = new Notifier(plan);
  }

  MigrationPlan plan() {
    return plan;
  }

  List<ClientGroup> producers() {
    return plan.clientsWithRole(ClientRole.PRODUCER);
  }

  List<ClientGroup> consumers() {
    return plan.clientsWithRole(ClientRole.CONSUMER);
  }

  /** Scheme production-later: the consumers started on the target beside the old ones. */
  List<ClientGroup> replacementConsumers() {
    return consumers().stream().filter(ClientGroup::isReplacement).toList();
  }

  /** Scheme production-later: the consumers on the source, stopped once it drained. */
  List<ClientGroup> oldConsumers() {
    return consumers().stream().filter(c -> !c.isReplacement()).toList();
  }

  // The runbook's steps.

  /** Checks the plan against both clusters and resolves its topics, which every later step moves. */
  List<String> preflight() {
    topics = preparation.preflight();
    notifier.destinations(preparation.notifications());
    if (preparation.searchAttributesReady()) {
      view.indexed(topics);
      refreshView();
    }
    return topics;
  }

  /** Shows where the migration is in Temporal's UI and visibility (see {@link TemporalView}). */
  void refreshView() {
    view.refresh(tracker.phase(), approvals.gates().open(), lastLag);
    if (approvals.gates().open() != null) {
      notifier.gateOpened(approvals.gates().open());
    }
  }

  /** Who is told when gates open and the migration ends. */
  Notifier notifier() {
    return notifier;
  }

  PrepareReport prepareTarget() {
    prepared = preparation.prepareTarget(topics);
    return prepared;
  }

  /** What prepare-target did, or null before it ran. */
  PrepareReport prepared() {
    return prepared;
  }

  /** Starts MirrorMaker 2 on the topics; the migration stops it if it ends otherwise than completed. */
  MirrorPhases startMirror() {
    mirror = MirrorPhases.of(plan, tracker, approvals, repointing, traffic.waitSettings(), topics);
    mirror.start();
    return mirror;
  }

  /** Points the clients at {@code cluster}, as one step. */
  void repoint(String step, List<ClientGroup> clients, String cluster) {
    repointing.repoint(step, clients, cluster, RepointAction.POINT);
  }

  /** Tells the clients to stop on {@code cluster}, as one step. */
  void stop(String step, List<ClientGroup> clients, String cluster) {
    repointing.repoint(step, clients, cluster, RepointAction.STOP);
  }

  ProducersMovedResult verifyProducersMoved() {
    return traffic.verifyProducersMoved("verify-producers", plan.source(), plan.target(), topics);
  }

  DrainResult drainSource() {
    return traffic.drainSource(topics);
  }

  /** The groups have members on {@code cluster}. */
  void verifyConsumersJoined(String step, String cluster) {
    traffic.verifyConsumersJoined(step, cluster, topics, Joined.MEMBERS);
  }

  /** The groups have members on {@code cluster} that commit. */
  void verifyConsumersConsuming(String step, String cluster) {
    traffic.verifyConsumersJoined(step, cluster, topics, Joined.COMMITTING);
  }

  ConsumersMovedResult verifyConsumersMoved() {
    return traffic.verifyConsumersMoved(topics);
  }

  /** One of the plan's gates before anything client-facing changed: reject aborts. */
  void approveOrAbort(String gate, String question, String approveMeans, String rejectMeans) {
    approvals.approveOrAbort(gate, question, approveMeans, rejectMeans);
  }

  /** One of the plan's gates after producers moved: reject means "not yet". */
  void untilApproved(String gate, String question, String approveMeans) {
    approvals.untilApproved(gate, question, approveMeans);
  }

  // What the base reads and does at the end.

  List<String> topics() {
    return topics;
  }

  LagSnapshot lastLag() {
    return lastLag;
  }

  /** True once any client was repointed or is being repointed: from then on an abort must undo something. */
  boolean clientsMoved() {
    return repointing.clientsMoved();
  }

  /** The client group whose repoint is running now, with where it goes; null between repoints. */
  String repointInFlight() {
    return repointing.inFlight();
  }

  RollbackReport rollBack(String reason, String by) {
    return new Rollback(plan, tracker, repointing, traffic).run(reason, by, topics);
  }

  /** Stops MirrorMaker, if this migration started it: it must not go on copying after an abort, cancel or failure. */
  void releaseMirror() {
    if (mirror != null) {
      mirror.stopQuietly();
    }
  }

  /** The comma-separated names of {@code clients}, for a gate's question. */
  static String names(List<ClientGroup> clients) {
    return String.join(", ", clients.stream().map(ClientGroup::name).toList());
  }
}
