package io.kmigrate.workflows.gates;

/** The gate waiting for a person: what it asks and what each answer does. */
public record OpenGate(String name, String question, String approveMeans, String rejectMeans, String openedAt) {}
