package io.kmigrate.workflows.progress;

import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.OpenGate;
import java.util.List;

/** The answer to the {@code progress} query. */
public record Progress(
    String migrationId,
    String scheme,
    String phase,
    MigrationStatus status,
    List<String> topics,
    List<StepRecord> steps,
    OpenGate openGate,
    List<DecisionRecord> decisions,
    List<String> ignoredSignals,
    LagSnapshot lastLag,
    String failure,
    RollbackReport rollback,
    /** Audit entries the store refused for their data, each with the store's reason: the migration went on without them. */
    List<String> storeProblems,
    /** Once a migration ended otherwise than completed: what prepare-target created on the target and stays there. */
    LeftOnTarget leftOnTarget) {}
