package io.kmigrate.workflows.contract;

/** One line of the audit log: a gate decision, a reminder, an abort. */
public record AuditEntry(String migrationId, String gate, String action, String by, String comment, String at) {}
