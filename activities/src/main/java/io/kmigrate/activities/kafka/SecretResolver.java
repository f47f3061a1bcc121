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
   * configuration ({@code sasl.jaas.config}, which Kafka reads with Java's StreamTokenizer) a
   * secret stays one option value: inside double or single quotes it is written with the
   * tokenizer's escapes; outside quotes only a plain word is taken, anything else is refused
   * with the fix, since it would end the value or turn it into a number or a comment.
   */
  public String resolve(String key, String value) {
    if (value == null) {
      return null;
    }
    boolean jaas = key.endsWith("sasl.jaas.config");
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    int from = 0;
    char quote = 0;
    while (m.find()) {
      quote = jaas ? quoteAt(value, from, m.start(), quote) : 0;
      from = m.end();
      String secret = lookup(key, m.group(1), m.group(2));
      if (jaas) {
        secret = quote != 0 ? jaasQuoted(secret, quote) : jaasWord(key, m.group(), secret);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(secret));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The quote character open at {@code to} ({@code "} or {@code '}), or 0, given the one open at {@code from}. */
  private static char quoteAt(String text, int from, int to, char open) {
    char quote = open;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (quote != 0 && c == '\\') {
        i++;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return quote;
  }

  /** A secret as the inside of a JAAS string quoted with {@code quote} (StreamTokenizer's escapes). */
  static String jaasQuoted(String secret, char quote) {
    StringBuilder out = new StringBuilder(secret.length() + 8);
    for (char c : secret.toCharArray()) {
      if (c == '\\' || c == quote) {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Outside quotes, a secret must read as one word: a letter, '_' or '$', then those, digits, '-' or '.'. */
  private static String jaasWord(String key, String reference, String secret) {
    if (!secret.matches("[A-Za-z_$][A-Za-z0-9_$.\\-]*")) {
      throw new IllegalStateException("property " + key + ": the secret of " + reference + " is not a plain word (letters, digits, "
          + "'_', '$', '-', '.'; not starting with a digit), which JAAS reads differently outside quotes: write the reference "
          + "inside double quotes (password=\"" + reference + "\")");
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
