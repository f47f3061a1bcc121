package io.kmigrate.activities.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many copy tasks MirrorMaker gets: per partition, capped, and on the embedded worker by its cores. */
class ConnectEndpointsTest {
  @Test
  void aConnectClusterOfItsOwnGetsOneTaskPerPartitionUpToFour() {
    assertThat(ConnectEndpoints.copyTasks(1, false, 2)).isEqualTo(1);
    assertThat(ConnectEndpoints.copyTasks(3, false, 2)).isEqualTo(3);
    assertThat(ConnectEndpoints.copyTasks(12, false, 2)).isEqualTo(4);
  }

  @Test
  void theEmbeddedWorkerGetsAtMostOneTaskPerTwoCores() {
    assertThat(ConnectEndpoints.copyTasks(12, true, 2)).isEqualTo(1);
    assertThat(ConnectEndpoints.copyTasks(12, true, 1)).as("never none").isEqualTo(1);
    assertThat(ConnectEndpoints.copyTasks(12, true, 6)).isEqualTo(3);
    assertThat(ConnectEndpoints.copyTasks(12, true, 16)).isEqualTo(4);
    assertThat(ConnectEndpoints.copyTasks(2, true, 16)).isEqualTo(2);
  }
}
