package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.api.migrations.MigrationException;
import io.kmigrate.api.migrations.MigrationService;
import io.kmigrate.api.resources.ApiExceptionMapper;
import io.kmigrate.api.resources.ErrorBody;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.localstack.Ports;
import io.kmigrate.worker.TemporalConnection;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.GateVerdict;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5: an error answer says what could not be done and gives an error id the log
 * carries; it never repeats an exception's text (a 500) or Temporal's gRPC status (a 503).
 */
class ErrorAnswersTest {
  /** Temporal at a port nothing listens on: every call fails with gRPC UNAVAILABLE. */
  static final TemporalConnection NOWHERE = TemporalConnection.connect("127.0.0.1:" + Ports.free(), "default");
  static final Jdbi UNUSED = Jdbi.create("jdbc:h2:mem:error-answers");
  static final MigrationService SERVICE = new MigrationService(NOWHERE, Set.of("source", "target"), OutboundPolicy.none("webhooks"),
      new MigrationStore(UNUSED), new AuditLog(UNUSED));

  @AfterAll
  static void close() {
    NOWHERE.close();
  }

  @Test
  void anUnexpectedFailureIsA500WithAnErrorIdAndNothingOfTheException() {
    Response r = new ApiExceptionMapper().toResponse(
        new IllegalStateException("connection to db-primary.internal:5432 as kmigrate_admin failed"));
    ErrorBody body = (ErrorBody) r.getEntity();

    assertThat(r.getStatus()).isEqualTo(500);
    assertThat(body.message()).matches("internal error: the server logged it as error id [0-9a-f]{16}")
        .doesNotContain("db-primary").doesNotContain("IllegalStateException");
  }

  @Test
  void temporalNotAnsweringIsA503ThatDoesNotRepeatItsStatusText() {
    MigrationException view = catchThrowableOfType(MigrationException.class, () -> SERVICE.view("orders-move"));
    MigrationException abort = catchThrowableOfType(MigrationException.class,
        () -> SERVICE.abort("orders-move", new AbortRequest("why", "carol", "127.0.0.1")));
    MigrationException decide = catchThrowableOfType(MigrationException.class, () -> SERVICE.decide("orders-move", GateVerdict.APPROVE,
        new GateDecision("producer-cutover", "alice", "ok", "127.0.0.1")));

    for (MigrationException e : new MigrationException[] {view, abort, decide}) {
      assertThat(e).isInstanceOf(MigrationException.Unavailable.class);
      assertThat(new ApiExceptionMapper().toResponse(e).getStatus()).isEqualTo(503);
      assertThat(e.getMessage()).matches("Temporal did not answer: try again shortly \\(error id [0-9a-f]{16}\\)");
      assertThat(e.getMessage()).doesNotContain("UNAVAILABLE").doesNotContain("io exception").doesNotContain("127.0.0.1");
    }
  }
}
