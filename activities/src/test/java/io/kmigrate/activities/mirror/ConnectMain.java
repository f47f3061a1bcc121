package io.kmigrate.activities.mirror;

import io.kmigrate.localstack.ChildJvm;
import org.apache.kafka.connect.cli.ConnectDistributed;

/**
 * Entry point of a local Kafka Connect worker's child JVM (distributed mode, Apache Kafka's own
 * {@code connect-distributed} main), halting as soon as the parent kmigrate process is gone.
 *
 * <p>Arguments: {@code worker.properties}.
 */
public final class ConnectMain {
  private ConnectMain() {}

  public static void main(String[] args) {
    ChildJvm.haltWithParent();
    ConnectDistributed.main(args);
  }
}
