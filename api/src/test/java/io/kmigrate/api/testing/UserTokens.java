package io.kmigrate.api.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.kmigrate.localstack.Ports;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * API users' tokens for a test's server configuration: each a fresh random token in a file of a
 * new temporary directory, which the configuration references as {@code ${file:...}}.
 */
public final class UserTokens {
  private final Path dir;

  public UserTokens(String prefix) {
    try {
      this.dir = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directory the tokens are in, for the test's other files. */
  public Path dir() {
    return dir;
  }

  /** A fresh token for {@code user}, written to {@code DIR/USER.token}. */
  public String token(String user) {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    try {
      Files.writeString(file(user), token + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return token;
  }

  /** What the configuration says for {@code user}'s token: {@code ${file:DIR/USER.token}}. */
  public String reference(String user) {
    return "${file:" + file(user) + "}";
  }

  /**
   * A server configuration on the embedded default (a free Temporal port, HTTP on free ports, data
   * under this directory, WARN logs) whose users are {@code roles}' keys, each with its token from
   * {@link #token} and its roles; {@code serverLines} go under {@code server:}. Its path.
   */
  public String serverConfig(Map<String, List<String>> roles, String... serverLines) {
    List<String> lines = new ArrayList<>(List.of(
        "temporal: {embeddedPort: " + Ports.free() + "}",
        "dataDir: " + dir.resolve("data"),
        "logging: {level: WARN}",
        "server:",
        "  applicationConnectors: [{type: http, port: 0}]",
        "  adminConnectors: [{type: http, port: 0}]"));
    for (String line : serverLines) {
      lines.add("  " + line);
    }
    lines.add("auth:");
    lines.add("  users:");
    roles.forEach((user, r) -> lines.add("    - {name: " + user + ", token: '" + reference(user) + "', roles: [" + String.join(", ", r) + "]}"));
    Path file = dir.resolve("kmigrate.yml");
    try {
      Files.writeString(file, String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return file.toString();
  }

  private Path file(String user) {
    return dir.resolve(user + ".token");
  }
}
