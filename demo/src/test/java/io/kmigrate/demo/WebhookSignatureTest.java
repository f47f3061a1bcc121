package io.kmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.repoint.WebhookNotifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a webhook receiver (the demo's deploy system) checks: a recent timestamp, signed with the body. */
class WebhookSignatureTest {
  static final String SECRET = "demo-secret";
  static final byte[] BODY = "{\"client\":\"orders-api\"}".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  static String signature(String timestamp, byte[] body) {
    return "sha256=" + WebhookNotifier.sign(SECRET, timestamp, body);
  }

  @Test
  void aFreshCorrectlySignedCallIsAccepted() {
    String ts = Long.toString(NOW.getEpochSecond() - 30);

    assertThat(WebhookSignature.verify(SECRET, ts, signature(ts, BODY), BODY, NOW)).isTrue();
  }

  @Test
  void aCallReplayedLaterThanFiveMinutesIsRefusedThoughItsSignatureIsRight() {
    String old = Long.toString(NOW.getEpochSecond() - 301);

    assertThat(WebhookSignature.verify(SECRET, old, signature(old, BODY), BODY, NOW)).isFalse();
  }

  @Test
  void aTimestampChangedWithoutTheSignatureOrAnAlteredBodyIsRefused() {
    String ts = Long.toString(NOW.getEpochSecond());
    String other = Long.toString(NOW.getEpochSecond() - 1);

    assertThat(WebhookSignature.verify(SECRET, other, signature(ts, BODY), BODY, NOW)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ts, signature(ts, BODY), "{}".getBytes(StandardCharsets.UTF_8), NOW)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, null, signature(ts, BODY), BODY, NOW)).isFalse();
  }
}
