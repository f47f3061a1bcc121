package io.kmigrate.cli.watch;

/** One consumer group's part of a wait: its lag and, while a drain measures them, its rates and ETA (null: not draining or unknown). */
public record GroupLag(String group, long lag, Double consumePerSec, Double producePerSec, Long etaSeconds) {}
