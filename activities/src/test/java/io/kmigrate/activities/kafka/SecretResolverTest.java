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
  void aPasswordInSingleQuotesIsOnePasswordToKafkaToo() {
    String password = "it's \"quoted\" // not a comment";
    String jaas = new SecretResolver(Map.of("PW", password)::get).resolve("sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username='kmigrate' password='${env:PW}';");

    assertThat(options(jaas).get("password")).isEqualTo(password);
  }

  @Test
  void aSecretOutsideQuotesThatIsNotAPlainWordIsRefusedNamingTheSetting() {
    // Each of these read differently outside quotes: a second option, a comment, a number, a quote.
    for (String secret : new String[] {"x; evil=true", "abc/def", "123abc", "pa'ss", "two words"}) {
      SecretResolver secrets = new SecretResolver(Map.of("PW", secret)::get);

      assertThatThrownBy(() -> secrets.resolve("sasl.jaas.config",
              "org.apache.kafka.common.security.plain.PlainLoginModule required username=kmigrate password=${env:PW};"))
          .as(secret)
          .hasMessageContaining("property sasl.jaas.config").hasMessageContaining("${env:PW}")
          .hasMessageContaining("write the reference inside double quotes")
          .hasMessageNotContaining(secret);
    }
  }

  @Test
  void aPlainSecretOutsideQuotesAndSecretsInOtherPropertiesAreTakenAsTheyAre() {
    SecretResolver secrets = new SecretResolver(Map.of("PW", "s3cr3t-Pass_word", "TS", "a\"b;c")::get);

    assertThat(secrets.resolve("sasl.jaas.config", "M required password=${env:PW};")).isEqualTo("M required password=s3cr3t-Pass_word;");
    assertThat(secrets.resolve("ssl.truststore.password", "${env:TS}")).isEqualTo("a\"b;c");
  }
}
