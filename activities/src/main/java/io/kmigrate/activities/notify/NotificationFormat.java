package io.kmigrate.activities.notify;

/** How a notification's body is written: Slack's incoming-webhook JSON, or kmigrate's own (signed) JSON. */
public enum NotificationFormat {
  SLACK,
  KMIGRATE
}
