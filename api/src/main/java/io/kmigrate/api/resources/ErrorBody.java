package io.kmigrate.api.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kmigrate.config.PlanProblem;
import java.util.List;

/**
 * Every error response: the status code, what went wrong, and for a bad plan each field's problem
 * (at most {@link io.kmigrate.config.InputLimits#PROBLEMS_LISTED}; {@code omittedProblems} counts the rest).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(int code, String message, List<PlanProblem> problems, Integer omittedProblems) {
  public ErrorBody(int code, String message, List<PlanProblem> problems) {
    this(code, message, problems, null);
  }
}
