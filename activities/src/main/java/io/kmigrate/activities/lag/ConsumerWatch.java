package io.kmigrate.activities.lag;

import java.util.Map;

/** What a consumers-moved wait remembers: target commits when it began and since when it held. */
public record ConsumerWatch(Map<String, Long> targetCommittedAtStart, long stableSinceMillis) {}
