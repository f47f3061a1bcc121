package io.kmigrate.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local cluster as a secured production cluster is: SASL on the client listener (SCRAM-SHA-512
 * for people and applications), {@code StandardAuthorizer} with nothing allowed that no ACL
 * allows, and one super user for kmigrate. The users' SCRAM credentials are written into the
 * storage when it is formatted, so they exist before the broker takes its first request.
 *
 * @param admin kmigrate's own user, a super user
 * @param users every SCRAM user by name, the admin included, with their passwords
 */
public record LocalSecurity(String admin, Map<String, String> users) {
  public static final String MECHANISM = "SCRAM-SHA-512";

  public LocalSecurity {
    if (!users.containsKey(admin)) {
      throw new IllegalArgumentException("the admin user '" + admin + "' needs a password in users");
    }
    users = Map.copyOf(new LinkedHashMap<>(users));
  }

  /** kmigrate's user {@code kmigrate} and the given application users, each with password {@code NAME-secret}. */
  public static LocalSecurity withUsers(String... applicationUsers) {
    Map<String, String> users = new LinkedHashMap<>();
    users.put("kmigrate", "kmigrate-secret");
    for (String u : applicationUsers) {
      users.put(u, u + "-secret");
    }
    return new LocalSecurity("kmigrate", users);
  }

  /** The client properties a user authenticates with, over this stack's SASL_PLAINTEXT listener. */
  public Map<String, String> clientProperties(String user) {
    String password = users.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no local user '" + user + "': the stack knows " + users.keySet());
    }
    return clientProperties(user, password);
  }

  /** As {@link #clientProperties(String)} for any name and password, e.g. a user the cluster does not have. */
  public static Map<String, String> clientProperties(String user, String password) {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", MECHANISM,
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";");
  }

  /** The admin's client properties. */
  public Map<String, String> adminProperties() {
    return clientProperties(admin);
  }

  /** The formatter's {@code --add-scram} arguments: one credential per user. */
  List<String> scramArguments() {
    return users.entrySet().stream().map(e -> MECHANISM + "=[name=" + e.getKey() + ",password=" + e.getValue() + "]").toList();
  }
}
