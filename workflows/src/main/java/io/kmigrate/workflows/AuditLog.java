package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.StoreActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
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
final class AuditLog {
  /** The {@link Workflow#getVersion} change: version 1 writes without blocking. */
  static final String WRITE_WITHOUT_BLOCKING = "audit-write-without-blocking";
  private static final Logger log = Workflow.getLogger(AuditLog.class);

  private final StoreActivities store;
  private Promise<Void> last;
  private Boolean withoutBlocking;

  AuditLog(StoreActivities store) {
    this.store = store;
  }

  void write(AuditEntry entry) {
    if (!withoutBlocking()) {
      store.audit(entry);
      return;
    }
    Promise<Void> before = last;
    // Detached: cancelling the migration through Temporal must not cancel the record of what led
    // up to it. A workflow thread of its own, so it can wait for the write before it.
    Workflow.newDetachedCancellationScope(() -> last = Async.procedure(() -> {
      if (before != null) {
        before.get();
      }
      try {
        store.audit(entry);
      } catch (ActivityFailure e) {
        // The store is retried until it answers, so only a refusal gets here; the entries after it still go in.
        log.error("audit entry {} {} by {} was not written: {}", entry.gate(), entry.action(), entry.by(), e.getMessage());
      }
    })).run();
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
