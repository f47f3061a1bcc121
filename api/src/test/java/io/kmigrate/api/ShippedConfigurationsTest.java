package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.api.auth.ApiAuth;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configurations the repository ships for a real Temporal parse, validate and start an API
 * that requires tokens, each token a reference rather than a secret in the file.
 */
class ShippedConfigurationsTest {
  @ParameterizedTest
  @ValueSource(strings = {"config/kmigrate.yml", "config/kmigrate-compose.yml", "docker/kmigrate-api.yml"})
  void aShippedServerConfigurationRequiresTokensGivenAsReferences(String file) throws Exception {
    KmigrateConfiguration config = new YamlConfigurationFactory<>(
        KmigrateConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(new FileConfigurationSourceProvider(), Path.of("..", file).toString());

    assertThat(ApiAuth.mode(config.auth, config.temporal.embedded())).isEqualTo(ApiAuth.Mode.ENFORCED);
    assertThat(config.auth.users).allSatisfy(u -> assertThat(SecretResolver.isReference(u.token())).as(u.name()).isTrue());
    assertThat(config.diagnostics.tasks).as("admin tasks off").isFalse();
    assertThat(config.diagnostics.threadDumps).as("thread dumps off").isFalse();
  }

  @Test
  void theAdminPortListensOnLoopbackOrIsNotPublished() throws Exception {
    KmigrateConfiguration server = new YamlConfigurationFactory<>(
        KmigrateConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(new FileConfigurationSourceProvider(), Path.of("..", "config/kmigrate.yml").toString());
    var admin = ((DefaultServerFactory) server.getServerFactory()).getAdminConnectors();
    String compose = Files.readString(Path.of("..", "docker-compose.yml"));

    assertThat(admin).allSatisfy(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("127.0.0.1"));
    assertThat(compose).doesNotContain("8081:8081").doesNotContain(":8081\"");
    assertThat(new KmigrateConfiguration().getServerFactory()).isInstanceOfSatisfying(DefaultServerFactory.class, d ->
        assertThat(d.getAdminConnectors()).allSatisfy(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("127.0.0.1")));
  }
}
