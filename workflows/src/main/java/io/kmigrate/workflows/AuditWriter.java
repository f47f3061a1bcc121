package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.StoreActivities;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The workflow's writes to the audit log. A write is started, not awaited: the step a decision
 * lets run starts in the same workflow task instead of after a database round trip and another
 * task. Writes stay in order, each starting once the one before it has ended, and
 * {@link #written} tells when all have, so a gate opens and the migration's end is recorded only
 * after every earlier entry.
 *
 * <p>Workflows started before this behaviour replay it the old way (each write awaited), which
 * {@code RecordedHistoriesReplayTest} checks against their recorded histories.
 */
final class AuditWriter {
  /** The {@link Workflow#getVersion} change: version 1 writes without blocking. */
  static final String WRITE_WITHOUT_BLOCKING = "audit-write-without-blocking";
  private static final Logger log = Workflow.getLogger(AuditWriter.class);

  private final StoreActivities store;
  private final Consumer<String> onRefused;
  private Promise<Void> last;
  private Boolean withoutBlocking;

  /** @param onRefused told, in a sentence, of each entry the store refused for good */
  AuditWriter(StoreActivities store, Consumer<String> onRefused) {
    this.store = store;
    this.onRefused = onRefused;
  }

  void write(AuditEntry entry) {
    if (!withoutBlocking()) {
      writeNow(entry);
      return;
    }
    Promise<Void> before = last;
    // Detached: cancelling the migration through Temporal must not cancel the record of what led
    // up to it. A workflow thread of its own, so it can wait for the write before it.
    Workflow.newDetachedCancellationScope(() -> last = Async.procedure(() -> {
      if (before != null) {
        before.get();
      }
      writeNow(entry);
    })).run();
  }

  /**
   * The store is retried until it answers, so only a refusal gets here (the data, never the
   * store being down): it is logged and shown in progress, and the entries after it still go in.
   * It never holds a migration's end.
   */
  private void writeNow(AuditEntry entry) {
    try {
      store.audit(entry);
    } catch (ActivityFailure e) {
      String why = ProgressTracker.reason(e);
      log.error("audit entry {} {} by {} was not written: {}", entry.gate(), entry.action(), entry.by(), why);
      onRefused.accept("audit entry '" + entry.action() + "'" + (entry.gate() == null ? "" : " at gate " + entry.gate())
          + " by " + entry.by() + " at " + entry.at() + " was not written: " + why);
    }
  }

  /** True once every write started so far has ended. */
  boolean written() {
    return last == null || last.isCompleted();
  }

  /** Returns once every write started so far has ended. */
  void awaitWritten() {
    Workflow.await(this::written);
  }

  private boolean withoutBlocking() {
    if (withoutBlocking == null) {
      withoutBlocking = Workflow.getVersion(WRITE_WITHOUT_BLOCKING, Workflow.DEFAULT_VERSION, 1) == 1;
    }
    return withoutBlocking;
  }
}
