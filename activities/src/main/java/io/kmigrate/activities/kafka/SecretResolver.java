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

  /**
   * Resolves one value (e.g. a database password); {@code key} names it in errors. In a JAAS
   * configuration ({@code sasl.jaas.config}) a secret is written so it stays one option value: inside
   * double quotes with JAAS's escapes ({@code \\}, {@code \"}, {@code \n}, {@code \r}); outside
   * quotes, a secret holding a quote, {@code ;}, {@code =}, a backslash, white space or a control
   * character is refused, since it would end the value and could add options of its own.
   */
  public String resolve(String key, String value) {
    if (value == null) {
      return null;
    }
    boolean jaas = key.endsWith("sasl.jaas.config");
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    int from = 0;
    boolean quoted = false;
    while (m.find()) {
      quoted = jaas && insideQuotes(value, from, m.start(), quoted);
      from = m.end();
      String secret = lookup(key, m.group(1), m.group(2));
      if (jaas) {
        secret = quoted ? jaasQuoted(secret) : jaasBare(key, m.group(), secret);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(secret));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Whether a position is inside a double-quoted JAAS string, given the state at {@code from}. */
  private static boolean insideQuotes(String text, int from, int to, boolean quoted) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      }
    }
    return quoted;
  }

  /** A secret as the inside of a JAAS double-quoted string (Java's StreamTokenizer rules, which Kafka's JaasConfig parses with). */
  static String jaasQuoted(String secret) {
    StringBuilder out = new StringBuilder(secret.length() + 8);
    for (char c : secret.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String jaasBare(String key, String reference, String secret) {
    for (char c : secret.toCharArray()) {
      if (c == '"' || c == ';' || c == '=' || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalStateException("property " + key + ": the secret of " + reference + " holds "
            + (Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : "'" + c + "'")
            + ", which would end its value: write the reference inside double quotes (password=\"" + reference + "\")");
      }
    }
    return secret;
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
