package io.kmigrate.workflows.gates;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.GateConfig;
import io.kmigrate.config.GateTimeoutAction;
import io.kmigrate.config.InputLimits;
import io.kmigrate.workflows.MigrationMetrics;
import io.kmigrate.workflows.SummarizedTimer;
import io.kmigrate.workflows.contract.AuditAction;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Holds the one open gate and the decisions taken so far. Update validators call
 * {@link #checkDecision} so a decision on a gate that is not open is rejected before it enters
 * history; signals cannot be rejected, so an invalid signal is recorded as ignored instead.
 */
public final class GateKeeper {
  private static final Logger log = Workflow.getLogger(GateKeeper.class);

  private final List<DecisionRecord> decisions = new ArrayList<>();
  private Runnable onOpenChanged = () -> {};
  /** How many ignored signals progress keeps, newest last. */
  static final int IGNORED_KEPT = 50;

  private final List<String> ignoredSignals = new ArrayList<>();
  private int ignoredDropped;
  private final Consumer<DecisionRecord> auditor;
  private final BooleanSupplier audited;
  private OpenGate open;
  private DecisionRecord pending;
  private AbortRequest abort;

  /**
   * @param auditor called from the workflow thread for every decision (writes the audit log; may return before it is stored)
   * @param audited true once every decision recorded so far is stored; a gate opens only then
   */
  public GateKeeper(Consumer<DecisionRecord> auditor, BooleanSupplier audited) {
    this.auditor = auditor;
    this.audited = audited;
  }

  /**
   * The update validator: refuses a decision whose values are over their limits, then one the
   * gate's state does not allow ({@link #checkState}).
   */
  public void checkDecision(GateDecision decision) {
    if (decision != null) {
      decision.limitProblem().ifPresent(p -> {
        throw new IllegalArgumentException(p);
      });
    }
    checkState(decision);
  }

  /**
   * Whether the gate's state allows the decision. The update handler checks only this: a replay
   * runs handlers but not validators, so a decision taken before a limit existed must still replay.
   */
  private void checkState(GateDecision decision) {
    if (decision == null || decision.gate() == null || decision.gate().isBlank()) {
      throw new IllegalArgumentException("gate: name the gate to decide");
    }
    if (decision.by() == null || decision.by().isBlank()) {
      throw new IllegalArgumentException("by: name the person deciding");
    }
    if (abort != null) {
      throw new IllegalStateException("gate '" + decision.gate() + "' is not open: the migration is aborting (aborted by "
          + abort.by() + ": " + abort.reason() + "), no decision is taken any more");
    }
    if (pending != null && pending.gate().equals(decision.gate())) {
      throw new IllegalStateException("gate '" + decision.gate() + "' was already " + pending.action() + " by " + pending.by() + " at " + pending.at());
    }
    if (open == null || !open.name().equals(decision.gate())) {
      throw new IllegalStateException("gate '" + decision.gate() + "' is not open" + lastClosing(decision.gate())
          + (open == null ? ": no gate is open now" : ": the open gate is '" + open.name() + "'"));
    }
    if (decision.openedAt() != null && !decision.openedAt().equals(open.openedAt())) {
      throw new IllegalStateException("gate '" + decision.gate() + "' opened at " + decision.openedAt() + " is closed"
          + lastClosing(decision.gate()) + "; it opened again at " + open.openedAt() + ": decide again to answer that opening");
    }
  }

  /** How the gate last closed, so a decision sent twice is answered with the first one. */
  private String lastClosing(String gate) {
    for (int i = decisions.size() - 1; i >= 0; i--) {
      DecisionRecord d = decisions.get(i);
      if (d.gate().equals(gate) && d.action() != AuditAction.REMINDER) {
        return " (it was " + d.action() + " by " + d.by() + " at " + d.at() + ")";
      }
    }
    return "";
  }

  /** The update handler (and the signal's): takes the decision cut to the limits, as the store keeps it. */
  public DecisionRecord decide(GateDecision sent, boolean approve) {
    GateDecision decision = sent == null ? null : sent.bounded();
    checkState(decision);
    pending = new DecisionRecord(
        decision.gate(), approve ? AuditAction.APPROVED : AuditAction.REJECTED, decision.by(), decision.comment(), now(), decision.source());
    return pending;
  }

  /**
   * The signal path: same rules, but a signal cannot be refused, so an over-long value is cut to
   * its limit (marked as cut) and a decision that breaks a rule is kept as ignored rather than thrown.
   */
  public void decideBySignal(GateDecision decision, boolean approve) {
    try {
      decide(decision, approve);
    } catch (RuntimeException e) {
      ignore((approve ? "approve" : "reject") + " ignored: " + e.getMessage());
    }
  }

  /** Keeps the newest {@value #IGNORED_KEPT} ignored signals: anyone who can signal could otherwise grow this state without end. */
  private void ignore(String what) {
    String line = InputLimits.bounded(now() + " " + what, InputLimits.COMMENT);
    ignoredSignals.add(line);
    if (ignoredSignals.size() > IGNORED_KEPT) {
      ignoredSignals.remove(0);
      ignoredDropped++;
    }
    log.warn("ignored signal: {}", line);
  }

  /** The abort update's validator: values within their limits, then {@link #checkAbortState}. */
  public void checkAbort(AbortRequest request) {
    if (request != null) {
      request.limitProblem().ifPresent(p -> {
        throw new IllegalArgumentException(p);
      });
    }
    checkAbortState(request);
  }

  private void checkAbortState(AbortRequest request) {
    if (request == null || request.by() == null || request.by().isBlank()) {
      throw new IllegalArgumentException("by: name the person aborting");
    }
    if (request.reason() == null || request.reason().isBlank()) {
      throw new IllegalArgumentException("reason: say why the migration is aborted");
    }
    if (abort != null) {
      throw new IllegalStateException("already aborted by " + abort.by());
    }
  }

  /** The abort handler (and the signal's): takes the abort cut to the limits. */
  public void abort(AbortRequest sent) {
    AbortRequest request = sent == null ? null : sent.bounded();
    checkAbortState(request);
    abort = request;
  }

  public void abortBySignal(AbortRequest request) {
    try {
      abort(request);
    } catch (RuntimeException e) {
      ignore("abort ignored: " + e.getMessage());
    }
  }

  /** Throws when an abort has been requested; called between steps. */
  public void throwIfAborted() {
    if (abort != null) {
      throw new MigrationAbortedException(abort);
    }
  }

  /**
   * Opens {@code gate} and blocks until a person decides, an abort arrives, or
   * {@code resolved} becomes true. A configured timeout either aborts or records a reminder and
   * keeps waiting.
   */
  /** Called whenever a gate opens or closes, in the workflow's thread. */
  public void onOpenChanged(Runnable listener) {
    this.onOpenChanged = listener;
  }

  public GateOutcome await(OpenGate gate, GateConfig config, BooleanSupplier resolved) {
    throwIfAborted();
    // A person asked at this gate can read every earlier decision in the audit log. An abort meanwhile
    // closes the gate as aborted below, so the caller cancels what it runs beside the gate.
    Workflow.await(() -> audited.getAsBoolean() || abort != null);
    open = gate.at(now());
    pending = null;
    onOpenChanged.run();
    long openedAt = MigrationMetrics.mark();
    while (true) {
      BooleanSupplier done = () -> pending != null || abort != null || resolved.getAsBoolean();
      boolean answered = true;
      if (config.timeout() == null) {
        Workflow.await(done::getAsBoolean);
      } else {
        answered = SummarizedTimer.await(config.timeout(), "gate " + gate.name() + " times out (" + config.timeout() + ")", done);
      }
      DecisionRecord closing;
      GateOutcome outcome;
      if (abort != null) {
        closing = new DecisionRecord(gate.name(), AuditAction.ABORTED, abort.by(), abort.reason(), now(), abort.source());
        outcome = GateOutcome.ABORTED;
      } else if (pending != null) {
        closing = pending;
        outcome = pending.action() == AuditAction.APPROVED ? GateOutcome.APPROVED : GateOutcome.REJECTED;
      } else if (answered) {
        closing = new DecisionRecord(gate.name(), AuditAction.RESOLVED, "kmigrate", "the wait ended on its own while the gate was open", now());
        outcome = GateOutcome.RESOLVED;
      } else if (config.onTimeout() == GateTimeoutAction.ABORT) {
        abort = new AbortRequest("gate '" + gate.name() + "' timed out after " + config.timeout(), "kmigrate");
        closing = new DecisionRecord(gate.name(), AuditAction.TIMED_OUT, "kmigrate", abort.reason(), now());
        outcome = GateOutcome.ABORTED;
      } else {
        record(new DecisionRecord(gate.name(), AuditAction.REMINDER, "kmigrate", "still waiting after " + config.timeout(), now()));
        continue;
      }
      MigrationMetrics.gateClosed(gate.name(), closing.action().id(), openedAt);
      // Close first: while the audit write runs, progress must not show a decided gate as open.
      open = null;
      pending = null;
      onOpenChanged.run();
      record(closing);
      return outcome;
    }
  }

  private void record(DecisionRecord record) {
    decisions.add(record);
    auditor.accept(record);
  }

  public OpenGate open() {
    return open;
  }

  public List<DecisionRecord> decisions() {
    return List.copyOf(decisions);
  }

  /** The newest ignored signals, after a line counting the older ones dropped, if any. */
  public List<String> ignoredSignals() {
    if (ignoredDropped == 0) {
      return List.copyOf(ignoredSignals);
    }
    List<String> shown = new ArrayList<>();
    shown.add(ignoredDropped + " older ignored signal(s) not kept");
    shown.addAll(ignoredSignals);
    return shown;
  }

  public boolean abortRequested() {
    return abort != null;
  }

  /** The abort that the last decision, a rejection, means: {@code what} plus its comment, by its author. */
  public MigrationAbortedException rejectionAbort(String what) {
    DecisionRecord no = decisions.get(decisions.size() - 1);
    String why = no.comment() == null || no.comment().isBlank() ? "" : ": " + no.comment();
    return new MigrationAbortedException(new AbortRequest(what + why, no.by(), no.source()));
  }

}
