package io.kmigrate.activities.lag;

import java.util.Map;

/**
 * What a producers-moved wait remembers: source and target end offsets when it began, the
 * source's last end offsets and when they last changed, and the source offsets at the end of
 * the grace period (writes past those are strays). Keys are "topic/partition".
 */
public record ProducerWatch(
    long startMillis,
    Map<String, Long> sourceAtStart,
    Map<String, Long> targetAtStart,
    Map<String, Long> sourceLast,
    long sourceChangedAtMillis,
    Map<String, Long> sourceAtGrace) {}
