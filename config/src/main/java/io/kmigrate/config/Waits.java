package io.kmigrate.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;

/**
 * How the long waits (drain, producers moved, consumers moved) poll: every {@code pollInterval},
 * done once the condition held for {@code stableFor}; after {@code maxWait} a person is asked.
 * A group whose committed offsets do not move for {@code stallAfter} while it still has lag is
 * judged stalled (members present) or stopped (no members).
 */
public record Waits(
    @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration pollInterval,
    @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration stableFor,
    @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration maxWait,
    @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration stallAfter) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(1);
  public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(2);

  public Waits {
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    stableFor = stableFor == null ? DEFAULT_STABLE_FOR : stableFor;
    maxWait = maxWait == null ? DEFAULT_MAX_WAIT : maxWait;
    stallAfter = stallAfter == null ? DEFAULT_STALL_AFTER : stallAfter;
  }

  public static Waits defaults() {
    return new Waits(null, null, null, null);
  }
}
