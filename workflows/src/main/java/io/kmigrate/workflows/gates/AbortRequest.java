package io.kmigrate.workflows.gates;

/** Stop the migration; allowed before producers are repointed. */
public record AbortRequest(String reason, String by) {}
