package io.kmigrate.api;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.CampaignRecord;
import io.kmigrate.activities.store.CampaignStore;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.auth.ApiAuth;
import io.kmigrate.api.auth.RequestLogWithoutQuery;
import io.kmigrate.api.cli.DbCommand;
import io.kmigrate.api.cli.KmigrateServerCommand;
import io.kmigrate.api.cli.PlanCommand;
import io.kmigrate.api.cli.WorkerCommand;
import io.kmigrate.api.console.ConsoleBundle;
import io.kmigrate.api.discover.DiscoverCommand;
import io.kmigrate.api.health.DatabaseHealthCheck;
import io.kmigrate.api.health.KafkaClusterHealthCheck;
import io.kmigrate.api.health.TemporalHealthCheck;
import io.kmigrate.api.http.AdminEndpoints;
import io.kmigrate.api.http.RequestBodyRules;
import io.kmigrate.api.http.SecurityHeaders;
import io.kmigrate.api.metrics.CampaignGauges;
import io.kmigrate.api.metrics.MigrationPhaseGauge;
import io.kmigrate.api.metrics.PrometheusServlet;
import io.kmigrate.api.migrations.CampaignService;
import io.kmigrate.api.migrations.MigrationService;
import io.kmigrate.api.resources.ApiExceptionMapper;
import io.kmigrate.api.resources.CampaignsResource;
import io.kmigrate.api.resources.MigrationsResource;
import io.kmigrate.api.resources.RoutesResource;
import io.kmigrate.api.resources.StoreUnavailableMapper;
import io.kmigrate.api.routes.RouteWaits;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.worker.KmigrateRuntime;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * kmigrate's entry point. {@code server} runs the REST API with a worker beside it (on the
 * embedded default unless configured otherwise); {@code worker}, {@code demo} and
 * {@code plan validate} are the other commands.
 */
public class KmigrateApplication extends Application<KmigrateConfiguration> {
  /** How often migrations are recounted by phase (a progress query per running migration). */
  private static final Duration PHASE_RECOUNT = Duration.ofSeconds(15);
  /** How often the routes' long polls learn of a changed route: the most a following client lags a change by. */
  private static final Duration ROUTE_CHECK = Duration.ofMillis(200);
  /** Temporal queries a campaign's view or the campaigns' list makes at once. */
  private static final int CAMPAIGN_READS = 8;

  private KmigrateRuntime runtime;

  public static void main(String[] args) throws Exception {
    new KmigrateApplication().run(args);
  }

  @Override
  public String getName() {
    return "kmigrate";
  }

  @Override
  protected void addDefaultCommands(Bootstrap<KmigrateConfiguration> bootstrap) {
    bootstrap.addCommand(new KmigrateServerCommand(this));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  @Override
  public void initialize(Bootstrap<KmigrateConfiguration> bootstrap) {
    bootstrap.addCommand(new WorkerCommand());
    bootstrap.addCommand(new PlanCommand());
    bootstrap.addCommand(new DbCommand());
    bootstrap.addCommand(new DiscoverCommand());
    bootstrap.addBundle(new ConsoleBundle());
  }

  @Override
  public void run(KmigrateConfiguration config, Environment environment) throws Exception {
    // Before anything starts: an API that must not run open refuses here, in one line.
    ApiAuth.install(config.auth, config.temporal.embedded(), SecretResolver.fromEnvironment(), environment.jersey());
    RequestLogWithoutQuery.apply(config.getServerFactory());
    runtime = KmigrateRuntime.start(config.workerSettings(), config.worker, configuredPorts(config));
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        runtime.close();
      }
    });
    environment.lifecycle().addServerLifecycleListener(server -> {
      for (Connector c : server.getConnectors()) {
        if (c instanceof NetworkConnector n) {
          runtime.ownPorts().add(n.getLocalPort());
        }
      }
    });
    MigrationStore store = new MigrationStore(runtime.database().jdbi());
    AuditLog auditLog = new AuditLog(runtime.database().jdbi());
    MigrationService migrations = new MigrationService(runtime.temporal(), runtime.clusters().names(), runtime.webhookPolicy(),
        store, auditLog, runtime.searchAttributesRegistered());
    environment.jersey().register(new RequestBodyRules());
    var securityHeaders = environment.servlets().addFilter("security-headers", new SecurityHeaders());
    securityHeaders.setAsyncSupported(true); // the routes' long polls suspend their requests
    securityHeaders.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    AdminEndpoints.restrict(environment, config.diagnostics.tasks, config.diagnostics.threadDumps);
    environment.jersey().register(new ApiExceptionMapper());
    environment.jersey().register(new StoreUnavailableMapper(runtime.database()));
    environment.jersey().register(new MigrationsResource(migrations));
    CampaignStore campaignStore = new CampaignStore(runtime.database().jdbi());
    CampaignService campaigns = new CampaignService(runtime.temporal(),
        new PlanValidator(runtime.clusters().names(), runtime.webhookPolicy()), store, campaignStore, auditLog, migrations,
        environment.lifecycle().executorService("kmigrate-campaign-reads-%d").minThreads(CAMPAIGN_READS).maxThreads(CAMPAIGN_READS).build());
    environment.jersey().register(new CampaignsResource(campaigns));
    RouteStore routes = new RouteStore(runtime.database());
    RouteWaits routeWaits = new RouteWaits(routes, ROUTE_CHECK);
    environment.lifecycle().manage(routeWaits);
    environment.lifecycle().addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(LifeCycle server) {
        routeWaits.releaseAll(); // before Jetty drains requests: a held long poll would hold the stop
      }
    });
    environment.jersey().register(new RoutesResource(routes, routeWaits, longestHold(config)));
    environment.healthChecks().register("temporal", new TemporalHealthCheck(runtime.temporal()));
    environment.healthChecks().register("database", new DatabaseHealthCheck(runtime.database()));
    for (String cluster : runtime.clusters().names()) {
      environment.healthChecks().register("kafka-" + cluster, new KafkaClusterHealthCheck(runtime.clusters(), cluster));
    }
    // Prometheus' default scrape path on the admin port, in place of Dropwizard's JSON metrics dump.
    environment.admin().addServlet("prometheus", new PrometheusServlet(runtime.metrics())).addMapping("/metrics");
    environment.lifecycle().manage(new MigrationPhaseGauge(
        runtime.metrics().registry(), migrations::list, id -> migrations.query(id).phase(), PHASE_RECOUNT));
    environment.lifecycle().manage(new CampaignGauges(
        runtime.metrics().registry(), () -> campaignStore.list().stream().map(CampaignRecord::id).toList(), campaigns::progress, PHASE_RECOUNT));
  }

  /**
   * The longest a route's long poll is held: 5 s under the application connectors' shortest idle
   * timeout (Jetty ends an idle connection, a held request's too, with a 500 when it runs out; 30 s
   * by default, so 25 s), at least 1 s.
   */
  private static Duration longestHold(KmigrateConfiguration config) {
    long idleMs = httpConnectors(config, true).mapToLong(http -> http.getIdleTimeout().toMilliseconds())
        .min().orElse(Long.MAX_VALUE);
    idleMs = Math.min(idleMs, RoutesResource.MAX_WAIT.toMillis() + 5_000);
    return Duration.ofMillis(Math.max(1_000, idleMs - 5_000));
  }

  /** The API's and the admin port's configured ports (0, "a free one", is added once Jetty bound it). */
  private static Set<Integer> configuredPorts(KmigrateConfiguration config) {
    Set<Integer> ports = new HashSet<>();
    Stream.concat(httpConnectors(config, true), httpConnectors(config, false)).forEach(http -> ports.add(http.getPort()));
    ports.remove(0);
    return ports;
  }

  /** The configuration's HTTP connectors: the application's, or the admin port's. */
  private static Stream<HttpConnectorFactory> httpConnectors(KmigrateConfiguration config, boolean application) {
    if (!(config.getServerFactory() instanceof DefaultServerFactory server)) {
      return Stream.empty();
    }
    List<ConnectorFactory> connectors = application ? server.getApplicationConnectors() : server.getAdminConnectors();
    return connectors.stream().filter(HttpConnectorFactory.class::isInstance).map(HttpConnectorFactory.class::cast);
  }

  /** The running runtime, once {@link #run} has started it. */
  public KmigrateRuntime runtime() {
    return runtime;
  }
}
