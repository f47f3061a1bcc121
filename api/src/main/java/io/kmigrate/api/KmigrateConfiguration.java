package io.kmigrate.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalSecurity;
import io.kmigrate.worker.settings.ConnectSettings;
import io.kmigrate.worker.settings.DatabaseSettings;
import io.kmigrate.worker.settings.NotificationSettings;
import io.kmigrate.worker.settings.PrometheusSettings;
import io.kmigrate.worker.settings.TemporalSettings;
import io.kmigrate.worker.settings.WebhookSettings;
import io.kmigrate.worker.settings.WorkerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;

/**
 * The server/worker configuration. Every field has a default, so {@code kmigrate server} with no
 * file runs the embedded default: in-memory Temporal, H2 under ./data, and, with no clusters
 * configured, two local KRaft clusters named source and target.
 */
public class KmigrateConfiguration extends Configuration {
  @Valid @NotNull public TemporalSettings temporal = new TemporalSettings();
  @Valid @NotNull public DatabaseSettings database = new DatabaseSettings();
  /** Kafka clusters by name; plans refer to these names. Secrets as ${env:X} or ${file:/p}. */
  @Valid @NotNull public Map<String, ClusterConfig> clusters = new HashMap<>();
  /** Signing of webhook repoints (strategy webhook). */
  @Valid @NotNull public WebhookSettings webhooks = new WebhookSettings();

  @Valid @NotNull public ConnectSettings connect = new ConnectSettings();
  /** Who is told when a gate opens and when a migration ends (see NotificationSettings). */
  @Valid @NotNull public NotificationSettings notifications = new NotificationSettings();
  /** Users of the REST API with their tokens and roles; none: open (see AuthSettings). */
  @Valid @NotNull public AuthSettings auth = new AuthSettings();
  /** Prometheus metrics of {@code kmigrate worker} (the API's are on the admin port). */
  @Valid @NotNull public PrometheusSettings prometheus = new PrometheusSettings();
  /** Where H2 and the local clusters keep their files. */
  @NotNull public String dataDir = "data";
  /** Run a worker inside the API process (the embedded default does). */
  public boolean worker = true;
  /** Dropwizard's admin tasks and thread dumps on the admin port: off unless turned on. */
  @Valid @NotNull public DiagnosticsSettings diagnostics = new DiagnosticsSettings();

  /** {@code demo --secure}: the local clusters take SASL and enforce ACLs. Never read from a file. */
  @JsonIgnore public LocalSecurity localSecurity;

  /** The sections a worker starts from, as this configuration gives them. */
  public WorkerSettings workerSettings() {
    return new WorkerSettings(temporal, database, clusters, webhooks, connect, prometheus, dataDir, localSecurity, notifications);
  }

  /**
   * With no {@code server} section the API and its admin port listen on 127.0.0.1 only: the
   * embedded default runs an open API, which no other host should reach. A configuration with a
   * {@code server} section binds what it says.
   */
  public KmigrateConfiguration() {
    DefaultServerFactory server = new DefaultServerFactory();
    for (ConnectorFactory c : server.getApplicationConnectors()) {
      ((HttpConnectorFactory) c).setBindHost("127.0.0.1");
    }
    for (ConnectorFactory c : server.getAdminConnectors()) {
      ((HttpConnectorFactory) c).setBindHost("127.0.0.1");
    }
    setServerFactory(server);
  }
}
