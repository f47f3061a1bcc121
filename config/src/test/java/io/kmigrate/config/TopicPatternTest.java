package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: a topic pattern is matched in linear time. {@code ((.+)+)+X} against one
 * 26-character name took 3.6 s with java.util.regex, doubling per character.
 */
class TopicPatternTest {
  @Test
  void aCatastrophicPatternOverAThousandFortyCharacterNamesEndsWellUnderASecond() {
    TopicPattern pattern = TopicPattern.compile("((.+)+)+X");
    List<String> names = IntStream.range(0, 1000).mapToObj(i -> String.format("orders.%03d.", i) + "a".repeat(29)).toList();

    long matched = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> names.stream().filter(pattern::matches).count());

    assertThat(names).allSatisfy(n -> assertThat(n).hasSize(40));
    assertThat(matched).isZero();
  }

  @Test
  void aPatternMatchesWholeTopicNames() {
    TopicPattern pattern = TopicPattern.compile("orders\\..*");

    assertThat(pattern.matches("orders.eu")).isTrue();
    assertThat(pattern.matches("old.orders.eu")).isFalse();
  }

  @Test
  void anOverLongPatternOrOneRe2CannotRunIsRefusedSayingWhy() {
    assertThat(TopicPattern.problem("a".repeat(1001))).contains("at most 1,000 characters, got 1,001: list the topics instead");
    assertThat(TopicPattern.problem("(a)\\1")).hasValueSatisfying(p -> assertThat(p).contains("RE2 syntax"));
    assertThat(TopicPattern.problem("orders(?=\\.eu)")).isPresent();
    assertThatThrownBy(() -> TopicPattern.compile("[")).isInstanceOf(IllegalArgumentException.class);
  }
}
