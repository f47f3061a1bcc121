package io.kmigrate.workflows;

import io.kmigrate.config.ClientRole;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Undoes an aborted migration's moves: each client group's newest repoint, newest first (once per
 * group, so a group that was stopped on the source and then pointed at the target goes back once).
 * Clients pointed at the target go back to the source, clients told to stop on the source are
 * pointed at it again, and replacement consumers (which did not exist before the migration) are
 * stopped. Then it verifies from traffic that producers write to the source again and reports what
 * the plan's groups left unconsumed on the target. Runs after an abort, so it cannot itself be aborted.
 */
final class Rollback {
  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final Repointing repointing;
  private final TrafficWaits traffic;

  Rollback(MigrationPlan plan, ProgressTracker tracker, Repointing repointing, TrafficWaits traffic) {
    this.plan = plan;
    this.tracker = tracker;
    this.repointing = repointing;
    this.traffic = traffic;
  }

  RollbackReport run(String reason, String by, List<String> topics) {
    List<String> back = new ArrayList<>();
    List<ClientMove> undo = new ArrayList<>(repointing.moves());
    Collections.reverse(undo);
    Set<String> undone = new HashSet<>();
    tracker.step("rollback-repoint", () -> {
      for (ClientMove m : undo) {
        if (!undone.add(m.client().name())) {
          continue; // its newest move is undone already (e.g. stopped on the source, then pointed at the target)
        }
        if (m.client().isReplacement()) {
          repointing.undo(m.client(), m.cluster(), RepointAction.STOP);
          back.add(m.client().name() + " stopped");
        } else {
          repointing.undo(m.client(), plan.source(), RepointAction.POINT);
          back.add(m.client().name());
        }
      }
      return back;
    }, b -> b.size() + " client group(s) rolled back to " + plan.source());
    // A fenced producer (told to stop) is repointed too: verify it writes to the source again.
    boolean producersMoved = undo.stream().anyMatch(m -> m.client().role() == ClientRole.PRODUCER);
    boolean producersBack = !producersMoved
        || tracker.step("rollback-verify-producers", () -> traffic.producersBackOn(plan.source(), plan.target(), topics),
            r -> r.moved() ? "producers write to " + plan.source() + " again" : "producers still write to " + plan.target())
            .moved();
    LagSnapshot left = tracker.step("stranded-on-target",
        () -> traffic.lagSnapshot(plan.target(), topics),
        l -> l.totalLag() + " record(s) on " + plan.target() + " not consumed by the plan's groups");
    List<PartitionLag> stranded = left.partitions().stream().filter(p -> p.lag() > 0).toList();
    return new RollbackReport(reason, by, back, producersBack, stranded, left.totalLag());
  }
}
