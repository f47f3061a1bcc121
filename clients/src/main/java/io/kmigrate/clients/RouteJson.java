package io.kmigrate.clients;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the routing API's answer, a flat JSON object such as
 * {@code {"client":"orders-api","cluster":"target","bootstrapServers":"b1:9092","version":3,"updatedAt":"..."}},
 * without a JSON library on the application's class path. Strings, numbers, booleans and null are
 * read; a nested object or array (a field added later) is skipped.
 */
final class RouteJson {
  private final String text;
  private int at;

  private RouteJson(String text) {
    this.text = text;
  }

  /** @throws IllegalArgumentException when the text is not such an object or lacks the route's fields */
  static Route parse(String client, String text) {
    Map<String, Object> fields = new RouteJson(text).object();
    Object version = fields.get("version");
    Object servers = fields.get("bootstrapServers");
    if (!(version instanceof Number) || !(servers instanceof String)) {
      throw new IllegalArgumentException("not a route (version and bootstrapServers expected): " + abbreviated(text));
    }
    Object cluster = fields.get("cluster");
    return new Route(client, cluster instanceof String c ? c : null, (String) servers, ((Number) version).longValue());
  }

  private Map<String, Object> object() {
    Map<String, Object> fields = new HashMap<>();
    expect('{');
    if (peek() == '}') {
      at++;
      return fields;
    }
    while (true) {
      String name = string();
      expect(':');
      fields.put(name, value());
      char c = next();
      if (c == '}') {
        return fields;
      }
      if (c != ',') {
        throw bad("',' or '}'");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{' || c == '[') {
      skipNested();
      return null;
    }
    int start = at;
    while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    String word = text.substring(start, at);
    switch (word) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        try {
          return word.contains(".") || word.contains("e") || word.contains("E") ? (Number) Double.parseDouble(word) : (Number) Long.parseLong(word);
        } catch (NumberFormatException e) {
          throw bad("a value");
        }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw bad("four hex digits");
          }
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
    throw bad("the end of a string");
  }

  /** Skips an object or array, strings in it included. */
  private void skipNested() {
    int depth = 0;
    do {
      char c = text.charAt(at);
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      at++;
    } while (depth > 0 && at < text.length());
  }

  private char peek() {
    skipSpace();
    if (at >= text.length()) {
      throw bad("more");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw bad("'" + c + "'");
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException bad(String expected) {
    return new IllegalArgumentException("not a route: expected " + expected + " at character " + at + " of " + abbreviated(text));
  }

  private static String abbreviated(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
