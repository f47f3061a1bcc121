package io.kmigrate.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * A plan's {@code topicPattern}, matched with RE2 (RE2/J) in time linear in the topic name's
 * length: a pattern such as {@code ((.+)+)+X}, which backtracks for seconds per name with
 * {@code java.util.regex}, cannot stall a worker thread. RE2's syntax is Java's without
 * backreferences and lookaround. RE2 still compiles a counted repetition into copies of what it
 * repeats, so counts are bounded too: {@code ((.{1000}){1000}){1000}}, 23 characters, would
 * compile into a billion states and exhaust the heap.
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

  /** The largest count one repetition may give ({@code {0,100}}). */
  static final int MAX_REPEAT = 100;
  /** The largest product of the counts of nested repetitions ({@code (a{10}){10}} is 100). */
  static final int MAX_NESTED_REPEAT = 100;

  /** Why {@code regex} cannot be a topic pattern: too long, counts too large, or not RE2 syntax. */
  public static Optional<String> problem(String regex) {
    if (regex.length() > InputLimits.TOPIC_PATTERN) {
      return Optional.of(String.format("at most %,d characters, got %,d: list the topics instead", InputLimits.TOPIC_PATTERN, regex.length()));
    }
    Optional<String> counts = repetitionProblem(regex);
    if (counts.isPresent()) {
      return counts;
    }
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("not a valid regular expression (RE2 syntax: no backreferences or lookaround): " + e.getDescription());
    }
  }

  /**
   * Counted repetitions ({@code x{m}}, {@code x{m,}}, {@code x{m,n}}): each count at most
   * {@value #MAX_REPEAT}, and the counts of repetitions nested in groups multiplied at most
   * {@value #MAX_NESTED_REPEAT}. Escapes and character classes are skipped.
   */
  static Optional<String> repetitionProblem(String regex) {
    java.util.Deque<long[]> groups = new java.util.ArrayDeque<>(); // per open group: the largest product inside it
    long[] top = {1};
    long lastAtom = 1; // the product of what the next count would repeat
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
        lastAtom = 1;
      } else if (c == '[') {
        i = classEnd(regex, i);
        lastAtom = 1;
      } else if (c == '(') {
        groups.push(top);
        top = new long[] {1};
      } else if (c == ')' && !groups.isEmpty()) {
        lastAtom = top[0];
        long[] inner = top;
        top = groups.pop();
        top[0] = Math.max(top[0], inner[0]);
      } else if (c == '{') {
        int close = regex.indexOf('}', i);
        java.util.regex.Matcher m = close < 0 ? null
            : java.util.regex.Pattern.compile("(\\d+)(,(\\d*))?").matcher(regex.substring(i + 1, close));
        if (m == null || !m.matches()) {
          continue; // a literal brace: RE2 reads it as one
        }
        long count = Math.max(Long.parseLong(m.group(1).length() > 7 ? "99999999" : m.group(1)),
            m.group(3) == null || m.group(3).isEmpty() ? 0 : Long.parseLong(m.group(3).length() > 7 ? "99999999" : m.group(3)));
        if (count > MAX_REPEAT) {
          return Optional.of("a repetition count of " + count + " (at most " + MAX_REPEAT + "): use + or * instead");
        }
        long product = lastAtom * Math.max(1, count);
        if (product > MAX_NESTED_REPEAT) {
          return Optional.of("nested repetitions repeat " + product + " times (at most " + MAX_NESTED_REPEAT + "): use + or * instead");
        }
        top[0] = Math.max(top[0], product);
        lastAtom = product;
        i = close;
      } else {
        lastAtom = 1;
      }
    }
    return Optional.empty();
  }

  /** The index of the ']' that closes the character class opened at {@code open}. */
  private static int classEnd(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    for (; i < regex.length(); i++) {
      if (regex.charAt(i) == '\\') {
        i++;
      } else if (regex.charAt(i) == ']') {
        return i;
      }
    }
    return regex.length();
  }

  /** Whether the whole topic name matches. */
  public boolean matches(String topic) {
    return pattern.matcher(topic).matches();
  }
}
