package io.kmigrate.activities.repoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmigrate.activities.ActivityAttempt;
import io.kmigrate.config.outbound.OutboundPolicy.RefusedDestination;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a repoint to a user's deploy system, only where the worker's {@link OutboundPolicy}
 * allows: the destination is checked at every attempt on the addresses its host resolves to
 * then, and the call connects to exactly those addresses; redirects are not followed.
 *
 * <p>The body carries an idempotency key (also in {@value #IDEMPOTENCY_HEADER}) that is the same
 * on every retry of the same step, and is signed with HMAC-SHA256 over
 * {@code <timestamp>.<body>}: header {@value #SIGNATURE_HEADER} {@code sha256=<hex>}, the Unix
 * time in {@value #TIMESTAMP_HEADER}, so a receiver can refuse an old call replayed to it.
 *
 * <p>2xx is done; 3xx and 4xx fail the step for good; 5xx and timeouts throw, so the activity's
 * retry policy tries again with backoff. What the receiver answered reaches the migration's
 * progress only as its status code: the body (its first {@value #LOGGED_BODY_BYTES} bytes) goes to
 * the worker's log.
 */
public final class WebhookNotifier {
  public static final String SIGNATURE_HEADER = "X-Kmigrate-Signature";
  public static final String TIMESTAMP_HEADER = "X-Kmigrate-Timestamp";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  /** Failure type of a webhook answered with 3xx or 4xx. */
  public static final String REJECTED = "WebhookRejected";
  /** Failure type of a webhook whose destination the worker's configuration does not allow. */
  public static final String REFUSED = "WebhookDestinationRefused";
  /** Failure type of a webhook whose host name still did not resolve on the last attempt. */
  public static final String HOST_NOT_FOUND = "WebhookHostNotFound";
  static final int LOGGED_BODY_BYTES = 8192;
  /** The attempt on which a host name that does not resolve fails the step (about four minutes of backoff). */
  static final int HOST_NOT_FOUND_ATTEMPTS = 10;
  /** Cancels a call that outlives its timeout: one daemon thread for every notifier. */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kmigrate-webhook-deadlines");
    t.setDaemon(true);
    return t;
  });
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final Duration timeout;
  private final OutboundPolicy policy;
  private final Clock clock;

  /**
   * @param secret the signing secret, already resolved; null when none is configured
   * @param policy where calls may go
   */
  public WebhookNotifier(String secret, Duration timeout, OutboundPolicy policy) {
    this(secret, timeout, policy, Clock.systemUTC());
  }

  WebhookNotifier(String secret, Duration timeout, OutboundPolicy policy, Clock clock) {
    this.secret = secret;
    this.timeout = timeout;
    this.policy = policy;
    this.clock = clock;
  }

  /** Where this notifier's calls may go; a plan's validation in preflight checks its webhooks against it. */
  public OutboundPolicy policy() {
    return policy;
  }

  public void send(String url, WebhookCall call) {
    if (secret == null || secret.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "client " + call.client() + " uses strategy webhook, but the worker has no webhooks.signingSecret configured",
          "WebhookNotConfigured");
    }
    deliver(url, "webhook for client " + call.client(), "webhook " + url + " for client " + call.client(), json(call), call.idempotencyKey());
  }

  /**
   * POSTs a notification's JSON {@code body} under the same rules as a repoint: only where the
   * policy allows, signed when a secret is configured, 5xx and timeouts thrown for a retry.
   */
  public void notify(String url, byte[] body, String idempotencyKey) {
    deliver(url, "notification to " + url, "notification to " + url, body, idempotencyKey);
  }

  private void deliver(String url, String label, String what, byte[] body, String idempotencyKey) {
    OutboundPolicy.Destination destination;
    try {
      destination = policy.addressesFor(url);
    } catch (RefusedDestination e) {
      throw ApplicationFailure.newNonRetryableFailure(label + " refused: " + e.getMessage(), REFUSED);
    } catch (UnknownHostException e) {
      String notFound = what + ": host not found (" + e.getMessage() + ")";
      if (ActivityAttempt.number() >= HOST_NOT_FOUND_ATTEMPTS) {
        // A name that stays unknown is a mistake in the plan, not an outage: a person must see it.
        throw ApplicationFailure.newNonRetryableFailure(notFound + " on " + HOST_NOT_FOUND_ATTEMPTS + " attempts", HOST_NOT_FOUND);
      }
      throw new IllegalStateException(notFound, e);
    }
    int status;
    try {
      status = post(destination, what, body, idempotencyKey);
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    } catch (RuntimeException e) {
      // Not a network fault (an argument the HTTP client refuses): the same call would fail the same way again.
      throw ApplicationFailure.newNonRetryableFailure(what + " could not be sent: " + e, "WebhookNotSent");
    }
    if (status >= 200 && status < 300) {
      return;
    }
    String answer = what + " answered " + status + " " + reason(status)
        + (status >= 300 && status < 400 ? " (redirects are not followed: give the final URL)" : "")
        + "; its body is in the worker's log";
    if (status < 500) {
      throw ApplicationFailure.newNonRetryableFailure(answer, REJECTED, status);
    }
    throw new IllegalStateException(answer); // 5xx: retried with backoff
  }

  /**
   * POSTs the signed call and returns the status. The whole exchange has {@code timeout}: a
   * receiver that trickles its answer is cut off. A 2xx body is never read, any other only up to
   * {@value #LOGGED_BODY_BYTES} bytes (for the log): the connection is closed, not drained.
   */
  @SuppressWarnings("deprecation") // execute(request) hands over the response unread; the handler form drains it
  private int post(OutboundPolicy.Destination destination, String what, byte[] body, String idempotencyKey) throws IOException {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpPost post = new HttpPost(destination.uri());
    if (secret != null && !secret.isEmpty()) {
      post.setHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body));
      post.setHeader(TIMESTAMP_HEADER, timestamp);
    }
    post.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    ScheduledFuture<?> deadline = DEADLINES.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
    CloseableHttpClient http = clientFor(destination);
    CloseableHttpResponse response = null;
    try {
      response = http.execute(post);
      int status = response.getCode();
      if ((status < 200 || status >= 300) && response.getEntity() != null) {
        logBody(what, status, response.getEntity().getContent());
      }
      return status;
    } catch (IOException e) {
      if (post.isCancelled()) {
        throw new IOException("no whole answer within " + timeout.toMillis() + " ms", e);
      }
      throw e;
    } finally {
      deadline.cancel(false);
      post.cancel(); // aborts the connection: the rest of the answer is never read
      closeQuietly(response);
      closeQuietly(http);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception abortedConnection) {
      // the connection was aborted on purpose; what it held is not wanted
    }
  }

  /** A client that connects only to the destination's checked addresses, follows no redirect and retries nothing itself. */
  private CloseableHttpClient clientFor(OutboundPolicy.Destination destination) {
    InetAddress[] pinned = destination.addresses().toArray(InetAddress[]::new);
    Timeout t = Timeout.of(timeout);
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new DnsResolver() {
              @Override
              public InetAddress[] resolve(String host) {
                return pinned.clone();
              }

              @Override
              public String resolveCanonicalHostname(String host) {
                return host;
              }
            })
            .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                .http1Config(Http1Config.custom().setMaxHeaderCount(100).setMaxLineLength(8192).build())
                .build())
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setRedirectsEnabled(false).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .build();
  }

  private static void logBody(String what, int status, InputStream content) throws IOException {
    byte[] head = content == null ? new byte[0] : content.readNBytes(LOGGED_BODY_BYTES);
    log.warn("{} answered {}; its body (at most {} bytes, escaped): {}",
        what, status, LOGGED_BODY_BYTES, escaped(new String(head, StandardCharsets.UTF_8)));
  }

  /** Control characters written as \\uXXXX, so a receiver's body cannot forge log lines. */
  static String escaped(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The standard reason phrase of a status code: never the receiver's own words. */
  private static String reason(int status) {
    String r = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
    return r == null ? "" : "(" + r + ")";
  }

  /**
   * Hex HMAC-SHA256 of {@code <timestamp>.<body>}: what a receiver recomputes to check the
   * signature, after checking the timestamp is recent.
   */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
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
}
