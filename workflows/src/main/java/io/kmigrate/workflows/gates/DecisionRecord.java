package io.kmigrate.workflows.gates;

/** What happened at a gate: approved, rejected, reminded (timeout kept waiting), timed-out, resolved. */
public record DecisionRecord(String gate, String action, String by, String comment, String at) {}
