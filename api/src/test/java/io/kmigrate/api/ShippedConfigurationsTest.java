package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.api.auth.ApiAuth;
import java.nio.file.Path;
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
  }
}
