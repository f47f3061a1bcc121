package io.kmigrate.api.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.Database;
import io.kmigrate.activities.store.RouteStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes' long polls: a change written in this process is answered at once (the periodic read
 * of the store is an hour away in those tests), one written by another process at the next read.
 */
class RouteWaitsTest {
  private static final Duration HOLD = Duration.ofSeconds(30);
  private static final Duration SOON = Duration.ofSeconds(5);

  @TempDir Path dir;
  private Database db;
  private RouteStore routes;
  private RouteWaits waits;

  @BeforeEach
  void start() {
    db = Database.open(Database.h2FileUrl(dir), "sa", "");
    routes = new RouteStore(db);
    waits = checkingEvery(Duration.ofHours(1));
  }

  @AfterEach
  void stop() throws Exception {
    waits.stop();
    db.close();
  }

  @Test
  void aMoveWrittenInThisProcessAnswersItsCallersAtOnce() throws Exception {
    long v1 = routes.point("orders-api", "source", "127.0.0.1:1").version();
    HeldResponse first = hold("orders-api", v1);
    HeldResponse second = hold("orders-api", v1);

    routes.point("orders-api", "target", "127.0.0.1:2");

    for (HeldResponse caller : new HeldResponse[] {first, second}) {
      assertThat(caller.answer(SOON)).isInstanceOfSatisfying(ClientRoute.class, r -> {
        assertThat(r.cluster()).isEqualTo("target");
        assertThat(r.version()).isEqualTo(v1 + 1);
      });
    }
    assertThat(waits.waiting()).isZero();
  }

  @Test
  void aCallerWithNoRouteYetGetsItsFirstTheMomentItIsRegistered() throws Exception {
    HeldResponse caller = hold("new-app", 0);

    routes.register("new-app", "source", "127.0.0.1:1");

    assertThat(caller.answer(SOON)).isInstanceOfSatisfying(ClientRoute.class, r -> assertThat(r.version()).isEqualTo(1));
  }

  @Test
  void aRouteWrittenAgainUnchangedAnswersNobody() throws Exception {
    long v1 = routes.point("orders-api", "source", "127.0.0.1:1").version();
    HeldResponse caller = hold("orders-api", v1);

    routes.point("orders-api", "source", "127.0.0.1:1");
    routes.register("orders-api", "target", "127.0.0.1:2"); // an existing route is left as it is
    Thread.sleep(300);

    assertThat(caller.answered()).as("held while the route stays").isFalse();
    assertThat(waits.waiting()).isEqualTo(1);
  }

  @Test
  void aMoveWrittenByAnotherProcessIsAnsweredAtTheNextReadOfTheStore() throws Exception {
    waits.stop();
    waits = checkingEvery(Duration.ofMillis(100));
    long v1 = routes.point("orders-api", "source", "127.0.0.1:1").version();
    HeldResponse caller = hold("orders-api", v1);

    // As a worker in a process of its own writes it: nothing in this process is told.
    db.jdbi().useHandle(h -> h.execute(
        "update client_routes set cluster = 'target', bootstrap_servers = '127.0.0.1:2', version = version + 1 where client = 'orders-api'"));

    assertThat(caller.answer(SOON)).isInstanceOfSatisfying(ClientRoute.class, r -> assertThat(r.cluster()).isEqualTo("target"));
  }

  private RouteWaits checkingEvery(Duration every) {
    RouteWaits w = new RouteWaits(routes, every);
    w.start();
    return w;
  }

  private HeldResponse hold(String client, long after) {
    HeldResponse response = new HeldResponse();
    assertThat(waits.await(client, after, HOLD, response)).isTrue();
    return response;
  }
}
