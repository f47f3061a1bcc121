package io.kmigrate.activities.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5: a secret substituted into {@code sasl.jaas.config} stays one option value,
 * whatever it holds, as Kafka's own JAAS parser reads it.
 */
class SecretResolverTest {
  static final String TEMPLATE =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kmigrate\" password=\"${env:PW}\";";

  /** The login options as Kafka's client reads {@code sasl.jaas.config}. */
  static Map<String, ?> options(String jaas) {
    List<AppConfigurationEntry> entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();
    assertThat(entries).hasSize(1);
    return entries.get(0).getOptions();
  }

  @Test
  void aPasswordWithQuotesSemicolonsBackslashesAndNewlinesIsOnePasswordToKafka() {
    String password = "a\"b;c\\d\ne\rf debug=\"true\"";
    String jaas = new SecretResolver(Map.of("PW", password)::get).resolve("sasl.jaas.config", TEMPLATE);

    Map<String, ?> options = options(jaas);
    assertThat(options.keySet()).containsExactlyInAnyOrder("username", "password");
    assertThat(options.get("username")).isEqualTo("kmigrate");
    assertThat(options.get("password")).isEqualTo(password);
  }

  @Test
  void aSecretOutsideQuotesThatWouldEndItsValueIsRefusedNamingTheSetting() {
    SecretResolver secrets = new SecretResolver(Map.of("PW", "x; evil=true")::get);

    assertThatThrownBy(() -> secrets.resolve("sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=kmigrate password=${env:PW};"))
        .hasMessageContaining("property sasl.jaas.config").hasMessageContaining("${env:PW}")
        .hasMessageContaining("write the reference inside double quotes");
  }

  @Test
  void aPlainSecretOutsideQuotesAndSecretsInOtherPropertiesAreTakenAsTheyAre() {
    SecretResolver secrets = new SecretResolver(Map.of("PW", "s3cr3t-Pass_word", "TS", "a\"b;c")::get);

    assertThat(secrets.resolve("sasl.jaas.config", "M required password=${env:PW};")).isEqualTo("M required password=s3cr3t-Pass_word;");
    assertThat(secrets.resolve("ssl.truststore.password", "${env:TS}")).isEqualTo("a\"b;c");
  }
}
