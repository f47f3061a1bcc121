package io.kmigrate.activities.repoint;

/**
 * The body kmigrate POSTs to a deploy system: the same bytes on every retry of a step, so the
 * signature and the idempotency key repeat with it.
 */
public record WebhookCall(
    String migrationId, String client, String role, String action, String cluster, String bootstrapServers, String idempotencyKey) {}
