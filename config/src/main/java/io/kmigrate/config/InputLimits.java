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
  /** A webhook URL. */
  public static final int URL = 2000;
  /** How many problems an answer lists before it says how many more there are. */
  public static final int PROBLEMS_LISTED = 100;

  private InputLimits() {}

  /**
   * Why {@code value} cannot be taken for {@code field}: longer than {@code max} characters, or
   * holding a control character. Empty when it can (null counts as fine: absence is checked apart).
   */
  public static Optional<String> problem(String value, int max) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.length() > max) {
      return Optional.of(String.format("at most %,d characters, got %,d: shorten it", max, value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of(String.format("must not hold control characters (U+%04X at position %d): write it on one line", (int) c, i));
      }
    }
    return Optional.empty();
  }

  /**
   * The first of several fields that {@link #problem} refuses, as {@code "field: problem"}: the
   * arguments are triples of field name, value and limit.
   */
  public static Optional<String> firstProblem(Object... fieldValueLimit) {
    for (int i = 0; i + 2 < fieldValueLimit.length; i += 3) {
      String field = (String) fieldValueLimit[i];
      Optional<String> p = problem((String) fieldValueLimit[i + 1], (Integer) fieldValueLimit[i + 2]);
      if (p.isPresent()) {
        return Optional.of(field + ": " + p.get());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code value} as it may be stored: control characters replaced by a space, and at most
   * {@code max} characters, a cut one ending with a mark that says how long it was.
   */
  public static String bounded(String value, int max) {
    if (value == null) {
      return null;
    }
    StringBuilder clean = new StringBuilder(Math.min(value.length(), max));
    for (int i = 0; i < value.length() && clean.length() <= max; i++) {
      char c = value.charAt(i);
      clean.append(Character.isISOControl(c) ? ' ' : c);
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
