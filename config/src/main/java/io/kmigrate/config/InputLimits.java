package io.kmigrate.config;

import java.util.Optional;

/**
 * The limits on what people and clients send, in one place: the API refuses a value over its
 * limit, the workflow's update validators refuse it too (for decisions sent straight through
 * Temporal), a signal (which cannot be refused) is cut to it, and the store's columns hold it
 * (V1 and V2 of the schema). A value a person types is also free of control characters, so it
 * cannot forge a log line or hide in a terminal.
 */
public final class InputLimits {
  /** Who decides or aborts: audit_log.actor. */
  public static final int BY = 200;
  /** A decision's comment or an abort's reason: audit_log.comment. */
  public static final int COMMENT = 4000;
  /** A gate's name: audit_log.gate. */
  public static final int GATE = 100;
  /** A decision's source address: audit_log.source_address. */
  public static final int SOURCE = 200;
  /** {@code openedAt}: an ISO-8601 instant. */
  public static final int OPENED_AT = 64;
  /** A migration's id, the plan's name: migrations.id and audit_log.migration_id. */
  public static final int NAME = 200;
  /** An audit entry's action (approved, rolled-back, …): audit_log.action. */
  public static final int ACTION = 50;
  /** A cluster's name in a plan. */
  public static final int CLUSTER = 200;
  /** A consumer group's id in a plan. */
  public static final int GROUP = 255;
  /** A plan's topicPattern (RE2 syntax). */
  public static final int TOPIC_PATTERN = 1000;
  /** A client's principal or transactional id in a plan (Kafka's transactional ids are short strings too). */
  public static final int PRINCIPAL = 255;
  /** A webhook URL. */
  public static final int URL = 2000;
  /** How many problems an answer lists before it says how many more there are. */
  public static final int PROBLEMS_LISTED = 100;

  private InputLimits() {}

  /** A value as a person or client sent it, with its field's name and limit. */
  public record Field(String name, String value, int max, boolean multiline) {
    /** A name, an address, a time: one line, no control characters. */
    public static Field oneLine(String name, String value, int max) {
      return new Field(name, value, max, false);
    }

    /** A comment or reason: several lines and tabs are fine, other control characters are not. */
    public static Field text(String name, String value, int max) {
      return new Field(name, value, max, true);
    }

    /** Why the value cannot be taken, as {@code "field: problem"}; empty when it can (null counts as fine). */
    public Optional<String> problem() {
      return (multiline ? textProblem(value, max) : InputLimits.problem(value, max)).map(p -> name + ": " + p);
    }

    /** The value as it may be stored: see {@link #bounded(String, int)} and {@link #boundedText}. */
    public String bounded() {
      return multiline ? boundedText(value, max) : InputLimits.bounded(value, max);
    }
  }

  /** The first problem of {@code fields}, as {@code "field: problem"}. */
  public static Optional<String> firstProblem(Field... fields) {
    for (Field f : fields) {
      Optional<String> p = f.problem();
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a one-line {@code value} cannot be taken: longer than {@code max} characters, or holding a
   * control character. Empty when it can (null counts as fine: absence is checked apart).
   */
  public static Optional<String> problem(String value, int max) {
    return problem(value, max, false);
  }

  /** As {@link #problem(String, int)}, but line breaks and tabs are fine: a comment typed in a text area. */
  public static Optional<String> textProblem(String value, int max) {
    return problem(value, max, true);
  }

  private static Optional<String> problem(String value, int max, boolean multiline) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.length() > max) {
      return Optional.of(String.format("at most %,d characters, got %,d: shorten it", max, value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(multiline && isLineBreakOrTab(c))) {
        return Optional.of(String.format("must not hold control characters (U+%04X at position %d)%s",
            (int) c, i, multiline ? "" : ": write it on one line"));
      }
    }
    return Optional.empty();
  }

  private static boolean isLineBreakOrTab(char c) {
    return c == '\n' || c == '\r' || c == '\t';
  }

  /**
   * A one-line {@code value} as it may be stored: control characters replaced by a space, and at
   * most {@code max} characters, a cut one ending with a mark that says how long it was.
   */
  public static String bounded(String value, int max) {
    return bounded(value, max, false);
  }

  /** As {@link #bounded(String, int)}, keeping line breaks and tabs. */
  public static String boundedText(String value, int max) {
    return bounded(value, max, true);
  }

  private static String bounded(String value, int max, boolean multiline) {
    if (value == null) {
      return null;
    }
    StringBuilder clean = new StringBuilder(Math.min(value.length(), max + 1));
    for (int i = 0; i < value.length() && clean.length() <= max; i++) {
      char c = value.charAt(i);
      clean.append(Character.isISOControl(c) && !(multiline && isLineBreakOrTab(c)) ? ' ' : c);
    }
    if (value.length() <= max) {
      return clean.toString();
    }
    String mark = String.format(" [cut: %,d characters in all]", value.length());
    int keep = Math.max(0, max - mark.length());
    if (keep > 0 && Character.isHighSurrogate(clean.charAt(keep - 1))) {
      keep--; // never split a character in two
    }
    return clean.substring(0, keep) + mark.substring(0, Math.min(mark.length(), max - keep));
  }
}
