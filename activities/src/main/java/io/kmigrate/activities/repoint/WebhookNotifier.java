package io.kmigrate.activities.repoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a repoint to a user's deploy system. The body is signed with HMAC-SHA256 (header
 * {@value #SIGNATURE_HEADER}: {@code sha256=<hex>}) and carries an idempotency key (also in
 * {@value #IDEMPOTENCY_HEADER}) that is the same on every retry of the same step. 2xx is done; 4xx
 * fails the step for good with the response; 5xx and timeouts throw, so the activity's retry
 * policy tries again with backoff.
 */
public final class WebhookNotifier {
  public static final String SIGNATURE_HEADER = "X-Kmigrate-Signature";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  /** Failure type of a webhook answered with 4xx. */
  public static final String REJECTED = "WebhookRejected";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final Duration timeout;
  private final HttpClient http;

  /** @param secret the signing secret, already resolved; null when none is configured */
  public WebhookNotifier(String secret, Duration timeout) {
    this.secret = secret;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public void send(String url, WebhookCall call) {
    if (secret == null || secret.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "client " + call.client() + " uses strategy webhook, but the worker has no webhooks.signingSecret configured",
          "WebhookNotConfigured");
    }
    byte[] body = json(call);
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
        .header(IDEMPOTENCY_HEADER, call.idempotencyKey())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("webhook " + url + " for client " + call.client() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling webhook " + url, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String answer = "webhook " + url + " for client " + call.client() + " answered " + status + ": " + abbreviate(response.body());
    if (status >= 400 && status < 500) {
      throw ApplicationFailure.newNonRetryableFailure(answer, REJECTED, status, response.body());
    }
    throw new IllegalStateException(answer); // 5xx and others: retried with backoff
  }

  /** Hex HMAC-SHA256 of {@code body}: what a receiver recomputes to check the signature. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] json(WebhookCall call) {
    try {
      return JSON.writeValueAsBytes(call);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }
}
