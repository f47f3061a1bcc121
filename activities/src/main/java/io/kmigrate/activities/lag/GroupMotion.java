package io.kmigrate.activities.lag;

/** When a group's committed offsets last moved; kept in heartbeats so a retry keeps its memory. */
public record GroupMotion(String group, long committedSum, long lastMoveAtMillis) {}
