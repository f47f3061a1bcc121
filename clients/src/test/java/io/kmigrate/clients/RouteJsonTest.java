package io.kmigrate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The routing API's answer read without a JSON library. */
class RouteJsonTest {
  @Test
  void aRouteIsReadWithEscapesAndFieldsItDoesNotKnowAreSkipped() {
    Route r = RouteJson.parse("orders-api", " {\"client\":\"orders-api\", \"cluster\":\"t\\u00e9st \\\"eu\\\"\",\"extra\":{\"a\":[1,\"}\"]},"
        + "\"bootstrapServers\":\"b1:9092,b2:9092\",\"version\":12,\"ok\":true,\"none\":null,\"rate\":1.5e3} ");
    assertThat(r).isEqualTo(new Route("orders-api", "tést \"eu\"", "b1:9092,b2:9092", 12));
  }

  @Test
  void aStoppedRouteHasEmptyBootstrapServers() {
    Route r = RouteJson.parse("c", "{\"cluster\":\"target\",\"bootstrapServers\":\"\",\"version\":3}");
    assertThat(r.stopped()).isTrue();
    assertThat(Route.none("c").stopped()).isTrue();
  }

  @Test
  void whatIsNotARouteIsRefusedSayingWhere() {
    assertThatThrownBy(() -> RouteJson.parse("c", "<html>proxy error</html>")).hasMessageContaining("expected '{' at character 1");
    assertThatThrownBy(() -> RouteJson.parse("c", "{\"version\":\"3\",\"bootstrapServers\":\"b\"}")).hasMessageStartingWith("not a route");
    assertThatThrownBy(() -> RouteJson.parse("c", "{\"version\":3,")).hasMessageStartingWith("not a route");
  }
}
