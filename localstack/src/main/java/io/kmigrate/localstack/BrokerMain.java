package io.kmigrate.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Entry point of a local broker's child JVM: formats the KRaft storage on first start, runs
 * {@code kafka.Kafka}, and exits as soon as the parent kmigrate process is gone, so not even a
 * killed parent leaves a broker behind.
 *
 * <p>Arguments: {@code server.properties clusterId logDir [scramUsersFile]}; the file holds one
 * {@code SCRAM-SHA-512=[name=N,password=P]} per line, written into the storage as it is formatted.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    ChildJvm.haltWithParent();
    String config = args[0];
    String clusterId = args[1];
    String logDir = args[2];
    if (!Files.exists(Path.of(logDir, "meta.properties"))) {
      Formatter formatter = new Formatter()
          .setNodeId(1)
          .setClusterId(clusterId)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir)
          .addDirectory(logDir);
      if (args.length > 3) {
        formatter.setScramArguments(Files.readAllLines(Path.of(args[3])));
      }
      formatter.run();
    }
    kafka.Kafka.main(new String[] {config});
  }
}
