package io.kmigrate.bench;

import io.kmigrate.config.DurationText;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's options: {@code --name value} pairs and bare flags such as {@code --smoke}. Every
 * option is declared by the benchmark that reads it, so a misspelt one is refused by name.
 */
public final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private BenchArgs() {}

  /**
   * @param options the names taking a value
   * @param flagNames the names taking none
   */
  public static BenchArgs parse(List<String> args, Set<String> options, Set<String> flagNames) {
    BenchArgs parsed = new BenchArgs();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.startsWith("--") ? arg.substring(2) : null;
      if (name != null && flagNames.contains(name)) {
        parsed.flags.add(name);
      } else if (name != null && options.contains(name)) {
        if (i + 1 >= args.size()) {
          throw new BenchUsageException("--" + name + " needs a value");
        }
        parsed.values.put(name, args.get(++i));
      } else {
        throw new BenchUsageException("unknown option " + arg + "; known: " + known(options, flagNames));
      }
    }
    return parsed;
  }

  private static String known(Set<String> options, Set<String> flagNames) {
    return String.join(" ", options.stream().sorted().map(o -> "--" + o + " N").toList())
        + " " + String.join(" ", flagNames.stream().sorted().map(f -> "--" + f).toList());
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** A positive whole number, or {@code fallback} when absent. */
  public int positiveInt(String name, int fallback) {
    return wholeNumber(name, fallback, 1, "a positive whole number");
  }

  /** A whole number, zero or more, or {@code fallback} when absent. */
  public int wholeNumber(String name, int fallback) {
    return wholeNumber(name, fallback, 0, "a whole number (0 or more)");
  }

  private int wholeNumber(String name, int fallback, int least, String what) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n >= least) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BenchUsageException("--" + name + " must be " + what + ", not '" + v + "'");
  }

  /** A duration such as {@code 72h}, {@code 10s}, {@code 3d}; or {@code fallback} when absent. */
  public Duration duration(String name, Duration fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      Duration d = DurationText.parse(v);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new BenchUsageException("--" + name + " must be a duration such as 10s, 72h or 3d, not '" + v + "'");
  }

  /** The text given for {@code name}, or {@code fallback}. */
  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }
}
