package io.kmigrate.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmigrate.workflows.contract.Notification;
import io.kmigrate.workflows.contract.NotificationEvent;

/**
 * A notification as each format writes it. Slack's incoming webhooks take {@code {"text": …}}
 * (mrkdwn): the headline, what approve and reject mean, and a link to the console. kmigrate's own
 * format is the notification's fields as JSON plus that link, for a receiver of one's own.
 */
final class NotificationBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationBodies() {}

  static byte[] of(NotificationFormat format, Notification n, String consoleUrl) {
    String link = consoleUrl == null || consoleUrl.isBlank() ? null : consoleUrl.replaceAll("/+$", "") + "/console/#" + n.migrationId();
    try {
      return switch (format) {
        case SLACK -> JSON.writeValueAsBytes(JSON.createObjectNode().put("text", slackText(n, link)));
        case KMIGRATE -> {
          ObjectNode body = JSON.valueToTree(n);
          body.put("headline", n.headline());
          if (link != null) {
            body.put("console", link);
          }
          yield JSON.writeValueAsBytes(body);
        }
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String slackText(Notification n, String link) {
    StringBuilder text = new StringBuilder("*kmigrate* ").append(escape(n.headline()));
    if (n.event() != NotificationEvent.MIGRATION_ENDED) {
      text.append("\n• approve: ").append(escape(n.approveMeans())).append("\n• reject: ").append(escape(n.rejectMeans()));
    }
    if (link != null) {
      text.append("\n<").append(link).append("|open in the console>");
    }
    return text.toString();
  }

  /** Slack's three control characters, so a question cannot ping a channel or forge a link. */
  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
