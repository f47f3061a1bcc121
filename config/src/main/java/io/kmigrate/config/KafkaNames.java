package io.kmigrate.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kafka's own rules for topic names (see org.apache.kafka.common.internals.Topic). */
public final class KafkaNames {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final int MAX_TOPIC_LENGTH = 249;

  private KafkaNames() {}

  /** Why a topic name is illegal, or empty when Kafka accepts it. */
  public static Optional<String> topicNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("a topic name must not be empty");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("'" + name + "' is not a legal topic name");
    }
    if (name.length() > MAX_TOPIC_LENGTH) {
      return Optional.of("topic name is " + name.length() + " characters, Kafka allows " + MAX_TOPIC_LENGTH);
    }
    if (!LEGAL.matcher(name).matches()) {
      return Optional.of("'" + name + "' is not a legal topic name: use only letters, digits, '.', '_' and '-'");
    }
    return Optional.empty();
  }
}
