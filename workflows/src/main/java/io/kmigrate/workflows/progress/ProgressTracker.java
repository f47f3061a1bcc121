package io.kmigrate.workflows.progress;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Records each step's start and end in workflow time, for the progress query and the report. */
public final class ProgressTracker {
  private final List<StepRecord> steps = new ArrayList<>();
  private String phase = "starting";
  private Runnable onPhase = () -> {};

  /** Called after every change of phase (a step starting is one), in the workflow's thread. */
  public void onPhase(Runnable listener) {
    this.onPhase = listener;
  }

  /** Runs {@code body} as step {@code name}; {@code summary} turns its result into the step's detail. */
  public <T> T step(String name, Supplier<T> body, Function<T, String> summary) {
    phase = name;
    int index = steps.size();
    String started = now();
    steps.add(new StepRecord(name, started, null, "running", null));
    onPhase.run();
    try {
      T result = body.get();
      steps.set(index, new StepRecord(name, started, now(), "done", summary.apply(result)));
      return result;
    } catch (RuntimeException e) {
      steps.set(index, new StepRecord(name, started, now(), "failed", reason(e)));
      throw e;
    }
  }

  /** What went wrong: an activity's failure says only "Activity task failed", its cause says what happened. */
  public static String reason(RuntimeException e) {
    Throwable cause = e instanceof ActivityFailure && e.getCause() != null ? e.getCause() : e;
    return cause instanceof TemporalFailure f ? f.getOriginalMessage() : cause.getMessage();
  }

  public void step(String name, Runnable body) {
    step(name, () -> {
      body.run();
      return null;
    }, r -> null);
  }

  public void phase(String phase) {
    this.phase = phase;
    onPhase.run();
  }

  public String phase() {
    return phase;
  }

  public List<StepRecord> steps() {
    return List.copyOf(steps);
  }

}
