package io.kmigrate.api.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What `kmigrate demo --report` writes. Fields are added over time, never renamed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoReport(
    String scheme,
    String workflowId,
    String status,
    long produced,
    long consumed,
    long lost,
    long duplicates,
    long outOfOrder,
    long producerPauseMsMax,
    long durationMs,
    JsonNode steps,
    JsonNode decisions,
    String abortedAfter,
    JsonNode rollback,
    Webhooks webhooks) {

  /** With {@code --strategy webhook}: calls the demo's deploy system got, changes it applied, bad signatures. */
  public record Webhooks(int deliveries, int applied, int badSignatures) {}

  /**
   * The scheme's promises: completed and nothing lost; production-first also keeps per-key
   * order (production-later does not promise it while old and new consumers overlap). An aborted
   * demo must have rolled back with producers verified on the source, and miss exactly the
   * records the rollback reported stranded on the target.
   */
  public boolean promisesHeld() {
    if (abortedAfter != null) {
      return "ABORTED".equals(status) && rollback != null && rollback.path("producersBack").asBoolean()
          && lost == rollback.path("strandedTotal").asLong(-1);
    }
    return "COMPLETED".equals(status) && lost == 0 && ("production-later".equals(scheme) || outOfOrder == 0);
  }
}
