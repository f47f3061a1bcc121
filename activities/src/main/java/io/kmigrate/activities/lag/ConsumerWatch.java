package io.kmigrate.activities.lag;

import java.util.Map;

/** What a consumers-moved wait remembers: target commits when it began and since when it held. */
public record ConsumerWatch(Map<String, Long> targetCommittedAtStart, long stableSinceMillis) {
  /** The next state: since when the condition has held, or -1 when it does not hold now. */
  public ConsumerWatch next(boolean holds, long nowMillis) {
    return new ConsumerWatch(targetCommittedAtStart, holds ? (stableSinceMillis > 0 ? stableSinceMillis : nowMillis) : -1);
  }

  public boolean heldFor(long millis, long nowMillis) {
    return stableSinceMillis > 0 && nowMillis - stableSinceMillis >= millis;
  }
}
