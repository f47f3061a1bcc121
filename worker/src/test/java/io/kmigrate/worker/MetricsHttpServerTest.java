package io.kmigrate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.worker.KmigrateMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The worker's metrics port: GET /metrics in Prometheus text, nothing else. */
class MetricsHttpServerTest {
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRegistryInPrometheusTextAndNothingElse() throws Exception {
    try (KmigrateMetrics metrics = KmigrateMetrics.start(); MetricsHttpServer server = MetricsHttpServer.start(0, metrics)) {
      metrics.scope().tagged(java.util.Map.of("group", "g1", "cluster", "source")).gauge("kmigrate_consumer_lag").update(42);
      metrics.scope().close(); // reports what tally buffered, at once

      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(base + "/metrics")));
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type")).contains(KmigrateMetrics.CONTENT_TYPE);
      assertThat(scrape.body()).contains("kmigrate_consumer_lag{cluster=\"source\",group=\"g1\"} 42.0").contains("jvm_threads_live_threads");

      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics/x"))).statusCode()).isEqualTo(404);
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics")).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
          .isEqualTo(405);
    }
  }
}
