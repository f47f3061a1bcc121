package io.kmigrate.api;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.cli.DbCommand;
import io.kmigrate.api.cli.DemoCommand;
import io.kmigrate.api.cli.KmigrateServerCommand;
import io.kmigrate.api.cli.PlanCommand;
import io.kmigrate.api.cli.WorkerCommand;
import io.kmigrate.api.health.DatabaseHealthCheck;
import io.kmigrate.api.health.KafkaClusterHealthCheck;
import io.kmigrate.api.health.TemporalHealthCheck;
import io.kmigrate.api.resources.ApiExceptionMapper;
import io.kmigrate.api.resources.MigrationsResource;
import io.kmigrate.api.resources.RoutesResource;
import io.kmigrate.api.resources.StoreUnavailableMapper;

/**
 * kmigrate's entry point. {@code server} runs the REST API with a worker beside it (on the
 * embedded default unless configured otherwise); {@code worker}, {@code demo} and
 * {@code plan validate} are the other commands.
 */
public class KmigrateApplication extends Application<KmigrateConfiguration> {
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
    bootstrap.addCommand(new io.dropwizard.core.cli.CheckCommand<>(this));
  }

  @Override
  public void initialize(Bootstrap<KmigrateConfiguration> bootstrap) {
    bootstrap.addCommand(new WorkerCommand());
    bootstrap.addCommand(new DemoCommand(this));
    bootstrap.addCommand(new PlanCommand());
    bootstrap.addCommand(new DbCommand());
  }

  @Override
  public void run(KmigrateConfiguration config, Environment environment) throws Exception {
    runtime = KmigrateRuntime.start(config, config.worker);
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        runtime.close();
      }
    });
    MigrationService migrations =
        new MigrationService(runtime.temporal(), runtime.clusters().names(),
            new MigrationStore(runtime.database().jdbi()), new AuditLog(runtime.database().jdbi()));
    environment.jersey().register(new ApiExceptionMapper());
    environment.jersey().register(new StoreUnavailableMapper(runtime.database()));
    environment.jersey().register(new MigrationsResource(migrations));
    environment.jersey().register(new RoutesResource(new RouteStore(runtime.database().jdbi())));
    environment.healthChecks().register("temporal", new TemporalHealthCheck(runtime.temporal()));
    environment.healthChecks().register("database", new DatabaseHealthCheck(runtime.database()));
    for (String cluster : runtime.clusters().names()) {
      environment.healthChecks().register("kafka-" + cluster, new KafkaClusterHealthCheck(runtime.clusters(), cluster));
    }
  }

  /** The running runtime, once {@link #run} has started it. */
  public KmigrateRuntime runtime() {
    return runtime;
  }
}
