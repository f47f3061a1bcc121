package io.kmigrate.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmigrate.workflows.contract.Notification;
import io.kmigrate.workflows.contract.NotificationEvent;
import org.junit.jupiter.api.Test;

/** What a notification says in each format. */
class NotificationBodiesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Notification OPENED = new Notification(NotificationEvent.GATE_OPENED, "orders-move", "production-first", "source", "target",
      "producer-cutover", "repoint producers <!channel> from source to target?", "repoint them", "abort", null, 61_000,
      "2026-12-06T12:00:00Z", "orders-move-producer-cutover@x");

  @Test
  void slackGetsOneEscapedMessageWithApproveRejectAndTheConsoleLink() throws Exception {
    JsonNode body = JSON.readTree(NotificationBodies.of(NotificationFormat.SLACK, OPENED, "https://kmigrate.example/"));

    assertThat(body.path("text").asText()).isEqualTo("*kmigrate* orders-move waits at gate producer-cutover: repoint producers "
        + "&lt;!channel&gt; from source to target?\n• approve: repoint them\n• reject: abort\n"
        + "<https://kmigrate.example/console/#orders-move|open in the console>");
  }

  @Test
  void kmigratesOwnFormatIsTheEventAsJsonWithItsHeadlineAndNoLinkWithoutAConsoleUrl() throws Exception {
    JsonNode body = JSON.readTree(NotificationBodies.of(NotificationFormat.KMIGRATE, OPENED, null));

    assertThat(body.path("event").asText()).isEqualTo("gate-opened");
    assertThat(body.path("question").asText()).isEqualTo(OPENED.question());
    assertThat(body.path("headline").asText()).startsWith("orders-move waits at gate producer-cutover");
    assertThat(body.has("console")).isFalse();
  }
}
