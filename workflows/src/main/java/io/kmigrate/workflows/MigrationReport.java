package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.progress.StepRecord;
import java.util.List;

/** The workflow's result: what was moved, how each step went and who decided what; mirror only where data was mirrored. */
public record MigrationReport(
    String workflowId,
    String scheme,
    MigrationStatus status,
    List<String> topics,
    PrepareReport prepared,
    ProducersMovedResult producers,
    LagSnapshot drained,
    ConsumersMovedResult consumers,
    List<StepRecord> steps,
    List<DecisionRecord> decisions,
    MirrorOutcome mirror) {}
