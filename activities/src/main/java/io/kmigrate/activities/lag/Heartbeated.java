package io.kmigrate.activities.lag;

/**
 * A wait's state that heartbeats less than the attempt keeps in memory, so that the heartbeat
 * stays within Temporal's payload limit (2 MB by default) whatever the plan's size.
 */
public interface Heartbeated<S> {
  /** What the heartbeat sends; a retried attempt resumes from it. */
  S heartbeatDetails();
}
