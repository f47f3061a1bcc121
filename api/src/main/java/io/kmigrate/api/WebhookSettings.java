package io.kmigrate.api;

/**
 * How the worker signs webhook repoints: the HMAC-SHA256 secret (a secret reference such as
 * {@code ${env:KMIGRATE_WEBHOOK_SECRET}} is resolved at start) and the per-call timeout.
 */
public class WebhookSettings {
  public String signingSecret;
  public String timeout = "10s";
}
