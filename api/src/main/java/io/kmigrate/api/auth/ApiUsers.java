package io.kmigrate.api.auth;

import io.dropwizard.auth.Authenticator;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.api.AuthSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured users with their tokens resolved at start and kept only as SHA-256 digests. A
 * token is matched in constant time: digests of equal length compared with
 * {@link MessageDigest#isEqual}, every user visited, so timing says nothing about a near miss.
 */
public final class ApiUsers implements Authenticator<String, Caller> {
  /** Shorter tokens are guessable; 16 characters is the least accepted (openssl rand -hex 32 gives 64). */
  public static final int MIN_TOKEN_LENGTH = 16;

  private record Entry(byte[] digest, Caller caller) {}

  private final List<Entry> entries;

  private ApiUsers(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Resolves each user's token reference, refusing with a message naming the field: a token in
   * clear, one too short, an unknown role, a name or token used twice.
   */
  public static ApiUsers resolve(List<AuthSettings.User> users, SecretResolver secrets) {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> fieldByName = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      AuthSettings.User user = users.get(i);
      String field = "auth.users[" + i + "]";
      if (!SecretResolver.isReference(user.token())) {
        throw new IllegalStateException(field + ".token: give the token as ${env:NAME} or ${file:/path}, not in clear in the configuration");
      }
      String token = secrets.resolve(field + ".token", user.token().strip());
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalStateException(field + ".token: " + user.token().strip() + " holds " + token.length()
            + " characters; use at least " + MIN_TOKEN_LENGTH + " (e.g. openssl rand -hex 32)");
      }
      for (String role : user.roles()) {
        if (!Roles.ALL.contains(role)) {
          throw new IllegalStateException(field + ".roles: '" + role + "' is not a role: use " + String.join(", ", Roles.ALL));
        }
      }
      String earlier = fieldByName.putIfAbsent(user.name(), field);
      if (earlier != null) {
        throw new IllegalStateException(field + ".name: '" + user.name() + "' is also " + earlier + "'s name: give each user its own");
      }
      byte[] digest = sha256(token);
      for (int j = 0; j < entries.size(); j++) {
        if (MessageDigest.isEqual(entries.get(j).digest(), digest)) {
          throw new IllegalStateException(field + ".token is the same as auth.users[" + j + "].token: give each user a token of its own");
        }
      }
      entries.add(new Entry(digest, new Caller(user.name(), user.roles())));
    }
    return new ApiUsers(entries);
  }

  /** The user whose bearer token this is, if any (Dropwizard's bearer filter asks). */
  @Override
  public Optional<Caller> authenticate(String token) {
    return find(token);
  }

  /** The user whose token this is, if any. */
  public Optional<Caller> find(String token) {
    byte[] digest = sha256(token);
    Caller found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
        found = e.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
