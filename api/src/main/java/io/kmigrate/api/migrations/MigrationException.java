package io.kmigrate.api.migrations;

import io.kmigrate.config.PlanProblem;
import java.util.List;

/**
 * Why {@link MigrationService} did not do what it was asked, as a kind a caller can act on; the
 * REST resources' mapper turns each kind into its HTTP answer (404, 409, 400, 503).
 */
public abstract sealed class MigrationException extends RuntimeException
    permits MigrationException.Unknown, MigrationException.Refused, MigrationException.BadInput, MigrationException.Unavailable {

  private MigrationException(String message) {
    super(message);
  }

  /** No such migration or gate. */
  public static final class Unknown extends MigrationException {
    public Unknown(String message) {
      super(message);
    }
  }

  /** The request is well formed but its migration's state refuses it: started already, a gate not open, ended. */
  public static final class Refused extends MigrationException {
    public Refused(String message) {
      super(message);
    }
  }

  /** The request itself is wrong: a value missing or over its limit; {@code problems} names the fields. */
  public static final class BadInput extends MigrationException {
    private final List<PlanProblem> problems;

    public BadInput(String message, List<PlanProblem> problems) {
      super(message);
      this.problems = List.copyOf(problems);
    }

    public BadInput(String message) {
      this(message, List.of());
    }

    public List<PlanProblem> problems() {
      return problems;
    }
  }

  /** Temporal, a worker or the store did not answer in time; the request may be sent again. */
  public static final class Unavailable extends MigrationException {
    public Unavailable(String message) {
      super(message);
    }
  }
}
