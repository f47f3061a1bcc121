package io.kmigrate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}) or ISO-8601. */
public final class DurationText {
  private static final Pattern SHORT = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

  private DurationText() {}

  public static Duration parse(String text) {
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("'" + text.trim() + "' is too long a duration");
      }
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write e.g. 500ms, 30s, 5m, 2h, 3d or PT30S");
    }
  }

  /** Reads a duration from a string, or from a number of seconds. */
  public static final class Deserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        return Duration.ofMillis(Math.round(p.getDoubleValue() * 1000));
      }
      if (p.currentToken().isStructStart()) {
        // A list or map: skip it whole, or reading would go on inside it as if it were the plan.
        p.skipChildren();
        return (Duration) ctx.handleWeirdStringValue(Duration.class, "",
            "a " + (p.currentToken() == JsonToken.END_ARRAY ? "list" : "map") + " is not a duration: write e.g. 500ms, 30s, 5m, 2h, 3d or PT30S");
      }
      String text = p.getValueAsString();
      try {
        return parse(text == null ? "" : text);
      } catch (IllegalArgumentException e) {
        return (Duration) ctx.handleWeirdStringValue(Duration.class, text, e.getMessage());
      }
    }
  }
}
