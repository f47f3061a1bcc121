package io.kmigrate.activities.notify;

/** One place notifications go: a webhook URL (allowed by the worker's webhook policy) and the body format it takes. */
public record NotificationDestination(String url, NotificationFormat format) {}
