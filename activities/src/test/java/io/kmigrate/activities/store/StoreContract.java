package io.kmigrate.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmigrate.activities.StoreActivitiesImpl;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.InputLimits;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Scheme;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Jdbi store promises on every database it runs on; each subclass supplies a fresh,
 * empty database (H2 for the embedded default, PostgreSQL for production).
 */
abstract class StoreContract {
  Database db;

  /** A JDBC URL of a fresh, empty database or schema. */
  abstract String freshUrl() throws Exception;

  abstract String user();

  @BeforeEach
  void freshDatabase() throws Exception {
    db = Database.open(freshUrl(), user(), "");
  }

  @AfterEach
  void closePool() {
    db.close();
  }

  @Test
  void flywayCreatesTheSchemaAndReopeningIsHarmless() throws Exception {
    assertThat(db.ping()).isTrue();
    try (Database again = Database.open(db.url(), user(), "")) {
      assertThat(again.ping()).isTrue();
    }
  }

  @Test
  void aMigrationRowIsInsertedOnceAndItsStatusUpdated() {
    MigrationStore store = new MigrationStore(db.jdbi());
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    store.upsert("orders-move", "production-first", "{}", MigrationStatus.RUNNING, t0);
    store.upsert("orders-move", "production-first", "{}", MigrationStatus.COMPLETED, t0.plusSeconds(60));

    assertThat(store.list()).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo(MigrationStatus.COMPLETED);
      assertThat(m.createdAt()).isEqualTo(t0);
      assertThat(m.updatedAt()).isEqualTo(t0.plusSeconds(60));
    });
  }

  @Test
  void anAuditEntryWrittenTwiceByARetriedActivityIsKeptOnce() {
    AuditLog audit = new AuditLog(db.jdbi());
    AuditEntry approved = new AuditEntry("m1", "producer-cutover", AuditAction.APPROVED, "alice", "go", "2026-11-25T10:00:00Z");

    audit.append(approved);
    audit.append(approved);
    audit.append(new AuditEntry("m1", "consumer-cutover", AuditAction.APPROVED, "bob", null, "2026-11-25T11:00:00Z"));

    assertThat(audit.forMigration("m1")).extracting(AuditEntry::by).containsExactly("alice", "bob");
  }

  @Test
  void anAuditEntryKeepsItsSourceAddressAndAnEntryWithoutOneReadsBackNull() {
    AuditLog audit = new AuditLog(db.jdbi());

    audit.append(new AuditEntry("m2", null, AuditAction.STARTED, "api", "production-first", "2026-11-25T09:00:00Z", "127.0.0.1"));
    audit.append(new AuditEntry("m2", "producer-cutover", AuditAction.APPROVED, "alice", "go", "2026-11-25T10:00:00Z", "2001:db8::7"));
    audit.append(new AuditEntry("m2", "producer-cutover", AuditAction.APPROVED, "bob", "by the Temporal CLI", "2026-11-25T10:00:01Z"));

    assertThat(audit.forMigration("m2")).extracting(AuditEntry::by, AuditEntry::source).containsExactly(
        org.assertj.core.groups.Tuple.tuple("api", "127.0.0.1"),
        org.assertj.core.groups.Tuple.tuple("alice", "2001:db8::7"),
        org.assertj.core.groups.Tuple.tuple("bob", null));
  }

  @Test
  void anAuditEntryOverItsColumnsIsStoredCutToThemWithAMark() {
    AuditLog audit = new AuditLog(db.jdbi());
    // What a signal or a store call that bypassed every check could carry: 5,000 characters, a NUL
    // (PostgreSQL refuses it in text), a terminal escape.
    audit.append(new AuditEntry("m1", "g".repeat(150), AuditAction.REJECTED, "b".repeat(300), "c\u0000\u001b[2J" + "c".repeat(5000),
        "2026-11-25T10:00:00Z", "s".repeat(300)));

    assertThat(audit.forMigration("m1")).singleElement().satisfies(e -> {
      assertThat(e.gate()).hasSize(InputLimits.GATE).endsWith("[cut: 150 characters in all]");
      assertThat(e.by()).hasSize(InputLimits.BY).endsWith("[cut: 300 characters in all]");
      assertThat(e.comment()).hasSize(InputLimits.COMMENT).startsWith("c  [2J").endsWith("[cut: 5,006 characters in all]");
      assertThat(e.source()).hasSize(InputLimits.SOURCE);
    });
  }

  @Test
  void aStatusWriteTheStoreRefusesForItsDataFailsForGoodNotForever() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(new MigrationStore(db.jdbi()), new AuditLog(db.jdbi()));
    // A plan whose JSON is larger than the plan column: the store refuses it with SQLState 22001.
    String[] topics = java.util.stream.IntStream.range(0, 100_000).mapToObj(i -> "topic-" + i).toArray(String[]::new);
    MigrationPlan plan = new MigrationPlan("big", Scheme.PRODUCTION_FIRST, "source", "target", List.of(topics), null,
        List.of(), List.of(new ClientGroup("p", ClientRole.PRODUCER, RepointStrategy.ROUTING, null)), null, null);

    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, () -> activities.recordStatus("big", plan, MigrationStatus.RUNNING));

    assertThat(refused.getType()).isEqualTo(StoreActivitiesImpl.STORE_REFUSED);
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).startsWith("the store refused the status RUNNING of migration big: SQLState 22");
  }

  @Test
  void aStoreThatIsDownIsNotMistakenForARefusal() {
    db.close();
    StoreActivitiesImpl activities = new StoreActivitiesImpl(new MigrationStore(db.jdbi()), new AuditLog(db.jdbi()));

    RuntimeException down = catchThrowableOfType(RuntimeException.class,
        () -> activities.audit(new AuditEntry("m1", null, AuditAction.STARTED, "api", "x", "2026-11-25T10:00:00Z")));

    assertThat(down).isNotInstanceOf(ApplicationFailure.class);
    assertThat(DataRefusal.of(down)).isEmpty();
  }

  @Test
  void aRouteVersionChangesOnlyWhenTheRouteDoes() {
    RouteStore routes = new RouteStore(db);

    assertThat(routes.register("app", "source", "s:9092").version()).isEqualTo(1);
    assertThat(routes.register("app", "target", "t:9092").cluster()).as("register keeps an existing route").isEqualTo("source");
    assertThat(routes.point("app", "source", "s:9092").version()).isEqualTo(1);
    ClientRoute moved = routes.point("app", "target", "t:9092");

    assertThat(moved.cluster()).isEqualTo("target");
    assertThat(moved.bootstrapServers()).isEqualTo("t:9092");
    assertThat(moved.version()).isEqualTo(2);
    assertThat(routes.find("nobody")).isEmpty();
  }

  @Test
  void everyRouteChangeAndOnlyAChangeIsToldToThisProcessOnceWritten() {
    RouteStore routes = new RouteStore(db);
    java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong versionSeen = new java.util.concurrent.atomic.AtomicLong();
    routes.onChange(() -> {
      throw new IllegalStateException("a listener that fails");
    });
    Runnable unsubscribe = routes.onChange(() -> {
      told.incrementAndGet();
      versionSeen.set(routes.find("app").map(ClientRoute::version).orElse(0L)); // committed by then
    });

    routes.register("app", "source", "s:9092");
    routes.register("app", "target", "t:9092"); // kept as it is: no change
    routes.point("app", "source", "s:9092"); // the same: no change
    assertThat(told).as("the first route").hasValue(1);

    ClientRoute moved = new RouteStore(db).point("app", "target", "t:9092"); // another store on the same database
    assertThat(told).as("the move, though one listener failed").hasValue(2);
    assertThat(versionSeen).hasValue(moved.version());
    routes.stop("app", "target");
    assertThat(told).hasValue(3);

    unsubscribe.run();
    routes.point("app", "source", "s:9092");
    assertThat(told).as("unsubscribed").hasValue(3);
  }

  @Test
  void aStoppedRouteKeepsItsClusterWithNoBootstrapServersAndANewVersion() {
    RouteStore routes = new RouteStore(db);
    routes.point("old-consumers", "source", "s:9092");

    ClientRoute stopped = routes.stop("old-consumers", "source");

    assertThat(stopped.cluster()).isEqualTo("source");
    assertThat(stopped.bootstrapServers()).isEmpty();
    assertThat(stopped.version()).isEqualTo(2);
    assertThat(routes.stop("old-consumers", "source").version()).as("stopping twice changes nothing").isEqualTo(2);
  }

  @Test
  void theVersionsOfManyRoutesAreReadAtOnceAndClientsWithoutOneAreLeftOut() {
    RouteStore routes = new RouteStore(db);
    java.util.List<String> clients = new java.util.ArrayList<>();
    for (int i = 0; i < 520; i++) { // more than one query's worth
      clients.add("app-" + i);
      routes.point("app-" + i, "source", "s:9092");
    }
    routes.point("app-519", "target", "t:9092");
    clients.add("nobody");

    java.util.Map<String, Long> versions = routes.versions(clients);

    assertThat(versions).hasSize(520).containsEntry("app-0", 1L).containsEntry("app-519", 2L).doesNotContainKey("nobody");
  }
}
