package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.workflows.contract.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** One preflight check that cannot run: a finding when the cluster said no, a retry when it was only slow. */
class PreflightCheckTest {

  @Test
  void aRefusalIsThatChecksFindingAndTheOtherChecksStillRun() {
    List<Finding> findings = new ArrayList<>();
    PreflightActivitiesImpl.check("consumerGroups", findings, () -> {
      throw new CompletionException(new GroupAuthorizationException("not authorized to describe group billing"));
    });

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("consumerGroups");
      assertThat(f.message()).startsWith("the check could not run").contains("not authorized to describe group billing");
    });
  }

  @Test
  void aTimeoutFailsTheAttemptSoTemporalRetriesThePreflightInsteadOfFailingTheMigration() {
    List<Finding> findings = new ArrayList<>();
    assertThatThrownBy(() -> PreflightActivitiesImpl.check("consumerGroups", findings, () -> {
      throw new CompletionException(new TimeoutException("Timed out waiting for a node assignment. Call: describeConsumerGroups"));
    })).hasRootCauseInstanceOf(TimeoutException.class);

    assertThat(findings).isEmpty();
  }

  @Test
  void aClusterThatTimesOutIsRetriedAndCalledUnreachableOnlyOnTheFifthAttempt() {
    RuntimeException timedOut = new CompletionException(new TimeoutException("Timed out waiting to send the call. Call: listNodes"));

    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, 1)).isTrue();
    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, 4)).isTrue();
    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, 5)).as("the fifth attempt reports it").isFalse();
    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, ActivityAttempt.number()))
        .as("called outside an activity there is no retry to wait for").isFalse();
  }

  @Test
  void aClusterThatRefusesIsUnreachableOnTheFirstAttempt() {
    RuntimeException refused = new CompletionException(new org.apache.kafka.common.errors.SaslAuthenticationException("bad credentials"));

    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(refused, 1)).isFalse();
  }
}
