package io.kmigrate.workflows.progress;

/** One step of a migration: when it ran and how it ended ({@code running}, {@code done}, {@code failed}). */
public record StepRecord(String name, String startedAt, String endedAt, String status, String detail) {}
