package io.kmigrate.config;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that cannot run, with every problem found. */
public class InvalidPlanException extends RuntimeException {
  private final List<PlanProblem> problems;

  public InvalidPlanException(List<PlanProblem> problems) {
    super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<PlanProblem> problems() {
    return problems;
  }
}
