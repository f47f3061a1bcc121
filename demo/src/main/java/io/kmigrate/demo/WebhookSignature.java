package io.kmigrate.demo;

import io.kmigrate.activities.repoint.WebhookNotifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * What a receiver of kmigrate's webhooks checks before it acts on one: the timestamp is within
 * {@link #TOLERANCE} of its own clock (an old call replayed is refused), and the signature is the
 * HMAC-SHA256 of {@code <timestamp>.<body>} under the shared secret, compared in constant time.
 */
public final class WebhookSignature {
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {}

  public static boolean verify(String secret, String timestamp, String signature, byte[] body, Instant now) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      return false;
    }
    if (Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), now).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    byte[] expected = ("sha256=" + WebhookNotifier.sign(secret, timestamp, body)).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
