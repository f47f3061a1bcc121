package io.kmigrate.api.resources;

import io.kmigrate.config.PlanProblem;
import java.util.List;

/** An error the API answers with a JSON body: its HTTP status, a message, and plan problems if any. */
public class ApiException extends RuntimeException {
  private final int status;
  private final List<PlanProblem> problems;

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  public ApiException(int status, String message, List<PlanProblem> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public int status() {
    return status;
  }

  public List<PlanProblem> problems() {
    return problems;
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** 401: answered with {@link #BEARER_CHALLENGE} in WWW-Authenticate. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  /** The WWW-Authenticate value of every 401: the API takes bearer tokens. */
  public static final String BEARER_CHALLENGE = "Bearer realm=\"kmigrate\"";
}
