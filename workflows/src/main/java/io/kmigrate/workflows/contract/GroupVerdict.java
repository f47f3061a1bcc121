package io.kmigrate.workflows.contract;

/** One group's status and the lag it still has. */
public record GroupVerdict(String group, GroupStatus status, long lag, String reason) {}
