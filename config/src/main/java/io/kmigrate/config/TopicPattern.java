package io.kmigrate.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * A plan's {@code topicPattern}, matched with RE2 (RE2/J) in time linear in the topic name's
 * length: a pattern such as {@code ((.+)+)+X}, which backtracks for seconds per name with
 * {@code java.util.regex}, cannot stall a worker thread. RE2's syntax is Java's without
 * backreferences and lookaround.
 */
public final class TopicPattern {
  private final Pattern pattern;

  private TopicPattern(Pattern pattern) {
    this.pattern = pattern;
  }

  /** @throws IllegalArgumentException with {@link #problem}'s message when the pattern cannot be used */
  public static TopicPattern compile(String regex) {
    problem(regex).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return new TopicPattern(Pattern.compile(regex));
  }

  /** Why {@code regex} cannot be a topic pattern: too long, or not RE2 syntax. */
  public static Optional<String> problem(String regex) {
    if (regex.length() > InputLimits.TOPIC_PATTERN) {
      return Optional.of(String.format("at most %,d characters, got %,d: list the topics instead", InputLimits.TOPIC_PATTERN, regex.length()));
    }
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("not a valid regular expression (RE2 syntax: no backreferences or lookaround): " + e.getDescription());
    }
  }

  /** Whether the whole topic name matches. */
  public boolean matches(String topic) {
    return pattern.matcher(topic).matches();
  }
}
