package io.kmigrate.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A plan that cannot run, with every problem found. */
public class InvalidPlanException extends RuntimeException {
  private final List<PlanProblem> problems;
  private final MigrationPlan partial;

  public InvalidPlanException(List<PlanProblem> problems) {
    this(problems, null);
  }

  /** @param partial the plan as far as it could be read (bad fields null), to validate the rest */
  public InvalidPlanException(List<PlanProblem> problems, MigrationPlan partial) {
    // Bounded: a plan can have hundreds of thousands of problems (a list of duplicates).
    super(problems.stream().limit(InputLimits.PROBLEMS_LISTED).map(PlanProblem::toString).collect(Collectors.joining("; "))
        + (problems.size() > InputLimits.PROBLEMS_LISTED
            ? String.format("; and %,d more", problems.size() - InputLimits.PROBLEMS_LISTED) : ""));
    this.problems = List.copyOf(problems);
    this.partial = partial;
  }

  public Optional<MigrationPlan> partial() {
    return Optional.ofNullable(partial);
  }

  public List<PlanProblem> problems() {
    return problems;
  }
}
