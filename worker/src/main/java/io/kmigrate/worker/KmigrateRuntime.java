package io.kmigrate.worker;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.notify.Notifications;
import io.kmigrate.activities.repoint.WebhookNotifier;
import io.kmigrate.activities.store.Database;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.config.DurationText;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.config.outbound.OwnPorts;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTemporal;
import io.kmigrate.localstack.Owner;
import io.kmigrate.worker.settings.WorkerSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a kmigrate process runs besides HTTP: the embedded Temporal server and local
 * clusters when none are configured, the store, the Temporal client and the worker. It owns
 * what it started and stops it in reverse order.
 */
public final class KmigrateRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KmigrateRuntime.class);

  private final Owner owner = new Owner();
  private Clusters clusters;
  private Database database;
  private TemporalConnection temporal;
  private LocalStack localStack;
  private boolean searchAttributesRegistered;
  private Notifications notifications = Notifications.none();
  private KmigrateMetrics metrics;
  private final OwnPorts ownPorts = new OwnPorts();
  private OutboundPolicy webhookPolicy;

  private KmigrateRuntime() {}

  public static KmigrateRuntime start(WorkerSettings settings, boolean runWorker) throws Exception {
    return start(settings, runWorker, Set.of());
  }

  /**
   * @param listening ports this process will listen on besides the runtime's own (the API's, as
   *     configured): known before the worker polls, so no webhook can reach them from the start
   */
  public static KmigrateRuntime start(WorkerSettings settings, boolean runWorker, Set<Integer> listening) throws Exception {
    KmigrateRuntime rt = new KmigrateRuntime();
    listening.forEach(rt.ownPorts::add);
    try {
      rt.boot(settings, runWorker);
      return rt;
    } catch (Exception e) {
      rt.close();
      throw e;
    }
  }

  private void boot(WorkerSettings settings, boolean runWorker) throws Exception {
    metrics = own(KmigrateMetrics.start());
    Path dataDir = Path.of(settings.dataDir());
    Files.createDirectories(dataDir);
    Map<String, ClusterConfig> clusterConfigs = new LinkedHashMap<>(settings.clusters());
    SecretResolver secrets = SecretResolver.fromEnvironment();
    // Before anything starts: a worker without its clusters' credentials must not start at all.
    new Clusters(clusterConfigs, secrets).requireCredentials();
    TemporalSecurity temporalSecurity = TemporalSecurityLoader.load(settings.temporal(), secrets);
    try {
      webhookPolicy = settings.webhooks().policy(ownPorts);
      notifications = new Notifications(settings.notifications().resolved(webhookPolicy), settings.notifications().consoleUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    ownPorts.add(settings.prometheus().workerPort);
    String temporalTarget = settings.temporal().address;
    boolean localClusters = clusterConfigs.isEmpty();
    if (!localClusters && settings.temporal().embedded() && !settings.temporal().embeddedWithRealClusters) {
      throw new IllegalStateException(
          "temporal.address is not set, but clusters are: the embedded in-memory Temporal would forget every migration "
              + "when this process stops. Set temporal.address to a Temporal cluster (or temporal.embeddedWithRealClusters: true for a trial).");
    }
    if (settings.temporal().embedded() || localClusters) {
      localStack = own(LocalStack.start(new LocalStack.Options(
          dataDir, settings.temporal().embeddedPort, 0, 0, settings.temporal().embedded(), localClusters, settings.localSecurity())));
    }
    if (settings.temporal().embedded()) {
      LocalTemporal t = localStack.temporal();
      temporalTarget = t.target();
      ownPorts.add(t.port());
      log.info("embedded Temporal server on {}", temporalTarget);
    }
    if (localClusters) {
      ownPorts.add(localStack.source().port());
      ownPorts.add(localStack.target().port());
      clusterConfigs.put("source", new ClusterConfig(localStack.source().bootstrapServers(), localStack.source().adminProperties()));
      clusterConfigs.put("target", new ClusterConfig(localStack.target().bootstrapServers(), localStack.target().adminProperties()));
      log.info("local Kafka clusters: source {} target {}", localStack.source().bootstrapServers(), localStack.target().bootstrapServers());
    }
    String url = settings.database().urlOrDefault(dataDir);
    database = own(Database.openWhenReachable(
        url, settings.database().user, secrets.resolve("database.password", settings.database().password), settings.database().migrateOnStart,
        DurationText.parse(settings.database().connectTimeout)));
    clusters = own(new Clusters(clusterConfigs, secrets));
    temporal = own(TemporalConnection.connect(temporalTarget, settings.temporal().namespace, metrics.scope(), temporalSecurity));
    searchAttributesRegistered = SearchAttributeRegistration.ensure(temporal.service(), settings.temporal().namespace);
    if (runWorker) {
      WebhookNotifier webhooks = new WebhookNotifier(
          secrets.resolve("webhooks.signingSecret", settings.webhooks().signingSecret), DurationText.parse(settings.webhooks().timeout), webhookPolicy);
      ConnectEndpoints connect = own(new ConnectEndpoints(
          clusters, Optional.ofNullable(settings.connect().url).filter(u -> !u.isBlank()).map(URI::create), ownPorts));
      own(KmigrateWorker.start(temporal.client(), new Activities(clusters, database, webhooks, connect, searchAttributesRegistered, notifications),
          settings.temporal().stickyExecution));
    }
  }

  private <T extends AutoCloseable> T own(T thing) {
    return owner.own(thing);
  }

  public Clusters clusters() {
    return clusters;
  }

  public Database database() {
    return database;
  }

  public TemporalConnection temporal() {
    return temporal;
  }

  /** Whether the Temporal server has kmigrate's search attributes (registered at start, or found there). */
  public boolean searchAttributesRegistered() {
    return searchAttributesRegistered;
  }

  /** This process's metrics: the SDK's, the worker's and kmigrate's own. */
  public KmigrateMetrics metrics() {
    return metrics;
  }

  /** Where this process's webhooks may go: plans are validated against it, and every call is checked by it. */
  public OutboundPolicy webhookPolicy() {
    return webhookPolicy;
  }

  /** The ports this process listens on; the API adds its own once Jetty has bound them. */
  public OwnPorts ownPorts() {
    return ownPorts;
  }

  /** The local stack, when this process started one. */
  public LocalStack localStack() {
    return localStack;
  }

  @Override
  public void close() {
    owner.close();
  }
}
