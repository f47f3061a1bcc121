package io.kmigrate.activities.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references in client properties at the last moment, inside the worker:
 * {@code ${env:NAME}} reads an environment variable, {@code ${file:/path}} a file's content.
 */
public final class SecretResolver {
  private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");
  private final Function<String, String> env;

  public SecretResolver(Function<String, String> env) {
    this.env = env;
  }

  public static SecretResolver fromEnvironment() {
    return new SecretResolver(System::getenv);
  }

  /** Whether {@code value} is one reference and nothing else: no part of the secret is written out. */
  public static boolean isReference(String value) {
    return value != null && REF.matcher(value.strip()).matches();
  }

  public Map<String, String> resolve(Map<String, String> properties) {
    Map<String, String> out = new HashMap<>();
    properties.forEach((k, v) -> out.put(k, resolve(k, v)));
    return out;
  }

  /** Resolves one value (e.g. a database password); {@code key} names it in errors. */
  public String resolve(String key, String value) {
    if (value == null) {
      return null;
    }
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(lookup(key, m.group(1), m.group(2))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String lookup(String key, String kind, String name) {
    if (kind.equals("env")) {
      String v = env.apply(name);
      if (v == null) {
        throw new IllegalStateException("property " + key + " refers to environment variable " + name + ", which is not set");
      }
      return v;
    }
    try {
      return Files.readString(Path.of(name)).strip();
    } catch (IOException e) {
      throw new IllegalStateException("property " + key + " refers to file " + name + ", which cannot be read: " + e.getMessage());
    }
  }
}
