package io.kmigrate.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the plans write them: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String t = text.strip().toLowerCase();
    try {
      if (t.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return positive(switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      }, text);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new TypeConversionException("'" + text + "' is not a duration: write e.g. 500ms, 2s, 5m or 1h");
    }
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + text + "' must be more than 0");
    }
    return d;
  }
}
