package io.kmigrate.workflows.gates;

/** A person's answer to a gate, as sent with the approve/reject update or signal. */
public record GateDecision(String gate, String by, String comment) {}
