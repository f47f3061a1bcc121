package io.kmigrate.worker.settings;

import io.kmigrate.activities.notify.NotificationDestination;
import io.kmigrate.activities.notify.NotificationFormat;
import io.kmigrate.config.outbound.OutboundPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who is told when a migration needs a person: each destination is a webhook URL with a format
 * ({@code slack} incoming-webhook JSON, or {@code kmigrate}'s own JSON, signed as repoint webhooks
 * are). They go only where {@code webhooks} allows, as repoint webhooks do. {@code consoleUrl}
 * (the API's address as people reach it) makes each message link to the migration's page.
 */
public class NotificationSettings {
  public String consoleUrl;
  public List<Destination> destinations = new ArrayList<>();

  /** One place messages go. */
  public static class Destination {
    public String url;
    public String format = "kmigrate";
  }

  /** The destinations, checked against the webhook policy; refuses (naming the entry) a bad one, so the worker does not start. */
  public List<NotificationDestination> resolved(OutboundPolicy webhooks) {
    List<NotificationDestination> out = new ArrayList<>();
    for (int i = 0; i < destinations.size(); i++) {
      Destination d = destinations.get(i);
      String field = "notifications.destinations[" + i + "]";
      if (d == null || d.url == null || d.url.isBlank()) {
        throw new IllegalArgumentException(field + ".url: name the webhook URL messages are POSTed to");
      }
      NotificationFormat format;
      try {
        format = NotificationFormat.valueOf(String.valueOf(d.format).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ".format: '" + d.format + "' is not a format: use slack or kmigrate");
      }
      String refusal = webhooks.refusal(d.url).orElse(null);
      if (refusal != null) {
        throw new IllegalArgumentException(field + ".url: " + refusal + " (notifications go where webhooks.allowedUrls allows)");
      }
      out.add(new NotificationDestination(d.url, format));
    }
    return out;
  }
}
