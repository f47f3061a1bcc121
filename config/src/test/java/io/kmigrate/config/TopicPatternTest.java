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
  void countsThatWouldCompileIntoMillionsOfStatesAreRefusedBeforeCompiling() {
    // Compiling the first exhausted a 512 MB heap in ten seconds; the second took 90 ms per name.
    assertThat(TopicPattern.problem("((.{1000}){1000}){1000}")).hasValueSatisfying(p -> assertThat(p).contains("at most 100"));
    assertThat(TopicPattern.problem("(.{0,100}){100}X")).hasValueSatisfying(p -> assertThat(p).contains("10000 times (at most 100)"));
    assertThat(TopicPattern.problem("((a{2}){5}){11}")).isPresent();
    assertThat(TopicPattern.problem("orders\\.[a-z]{2,3}\\.v\\d{1,4}")).isEmpty();
    assertThat(TopicPattern.problem("[{]{1000}x")).as("a brace in a class is no count, the count after it is").isPresent();
    assertThat(TopicPattern.problem("a\\{1000}")).as("an escaped brace is a literal").isEmpty();
  }

  @Test
  void theLargestAllowedRepetitionsOverAThousandNamesEndWellUnderASecond() {
    List<String> names = IntStream.range(0, 1000).mapToObj(i -> String.format("orders.%03d.", i) + "a".repeat(29)).toList();
    for (String largest : List.of("(.{0,10}){10}X", ".{0,100}X", "((.+){0,10}){10}X")) {
      TopicPattern pattern = TopicPattern.compile(largest);

      long matched = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> names.stream().filter(pattern::matches).count(), largest);

      assertThat(matched).isZero();
    }
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
