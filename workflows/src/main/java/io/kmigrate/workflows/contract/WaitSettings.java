package io.kmigrate.workflows.contract;

/** How a heartbeating wait polls, in milliseconds so the activity needs no plan parsing. */
public record WaitSettings(long pollIntervalMs, long stableForMs, long stallAfterMs) {}
