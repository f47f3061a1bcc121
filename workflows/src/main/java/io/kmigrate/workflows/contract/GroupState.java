package io.kmigrate.workflows.contract;

/** A group's membership at the time of a snapshot. */
public record GroupState(String group, String state, int members) {}
