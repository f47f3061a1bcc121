package io.kmigrate.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.config.ClusterConfig;
import io.kmigrate.worker.settings.WorkerSettings;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the runtime refuses before it starts anything. */
class KmigrateRuntimeTest {
  @Test
  void realClustersWithTheForgetfulInMemoryTemporalAreRefusedUnlessAccepted() throws Exception {
    WorkerSettings config = WorkerSettings.defaults(Files.createTempDirectory("kmigrate-runtime").toString())
        .withClusters(Map.of("prod", new ClusterConfig("kafka.example:9092", Map.of())));

    assertThatThrownBy(() -> KmigrateRuntime.start(config, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("temporal.address is not set")
        .hasMessageContaining("temporal.embeddedWithRealClusters");
  }

  @Test
  void aClusterWhoseCredentialIsMissingIsRefusedNamingTheClusterAndTheSetting() throws Exception {
    WorkerSettings config = WorkerSettings.defaults(Files.createTempDirectory("kmigrate-runtime").toString())
        .withClusters(Map.of("prod", new ClusterConfig("kafka.example:9092",
            Map.of("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required password=\"${env:KMIGRATE_TEST_UNSET_PASSWORD}\";"))));
    config.temporal().address = "127.0.0.1:1";

    assertThatThrownBy(() -> KmigrateRuntime.start(config, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cluster 'prod': property sasl.jaas.config refers to environment variable KMIGRATE_TEST_UNSET_PASSWORD, which is not set");
  }
}
