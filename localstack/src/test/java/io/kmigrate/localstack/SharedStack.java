package io.kmigrate.localstack;

import java.nio.file.Files;

/**
 * One local stack (two KRaft brokers, no Temporal) for a whole module's test suite: started on
 * first use and stopped by the stack's own shutdown hook; its brokers die with the test JVM anyway.
 */
public final class SharedStack {
  private static LocalStack stack;

  private SharedStack() {}

  public static synchronized LocalStack stack() throws Exception {
    if (stack == null) {
      stack = LocalStack.start(new LocalStack.Options(Files.createTempDirectory("kmigrate-test"), 0, 0, 0, false, true));
    }
    return stack;
  }
}
