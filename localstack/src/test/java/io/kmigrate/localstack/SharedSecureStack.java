package io.kmigrate.localstack;

import java.nio.file.Files;

/**
 * One pair of secured local clusters (SASL/SCRAM, StandardAuthorizer, kmigrate a super user) for
 * a module's security tests, started on first use; users: {@code kmigrate}, {@code orders-api},
 * {@code billing}, each with password {@code NAME-secret}, on both clusters.
 */
public final class SharedSecureStack {
  public static final LocalSecurity SECURITY = LocalSecurity.withUsers("orders-api", "billing");
  private static LocalStack stack;

  private SharedSecureStack() {}

  public static synchronized LocalStack stack() throws Exception {
    if (stack == null) {
      stack = LocalStack.start(new LocalStack.Options(Files.createTempDirectory("kmigrate-secure-test"), 0, 0, 0, false, true, SECURITY));
    }
    return stack;
  }
}
