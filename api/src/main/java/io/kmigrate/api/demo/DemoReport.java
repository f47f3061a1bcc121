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
    JsonNode decisions) {

  /** The scheme's promises: completed, nothing lost, per-key order kept. */
  public boolean promisesHeld() {
    return "COMPLETED".equals(status) && lost == 0 && outOfOrder == 0;
  }
}
