package io.kmigrate.worker;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.worker.local.LocalStack;

/**
 * One local stack (two KRaft brokers) for the whole worker test suite: started on first use,
 * stopped by the stack's own JVM shutdown hook, and its brokers die with the test JVM anyway.
 */
final class SharedStack {
  private static LocalStack stack;
  private static Clusters clusters;

  private SharedStack() {}

  static synchronized LocalStack stack() throws Exception {
    if (stack == null) {
      stack = LocalClusters.start();
      clusters = LocalClusters.clusters(stack);
      Runtime.getRuntime().addShutdownHook(new Thread(clusters::close));
    }
    return stack;
  }

  static synchronized Clusters clusters() throws Exception {
    stack();
    return clusters;
  }
}
