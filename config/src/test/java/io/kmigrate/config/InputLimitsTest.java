package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.InputLimits.Field;
import org.junit.jupiter.api.Test;

/** One set of limits for what people send: refused at the API and in updates, cut in signals and the store. */
class InputLimitsTest {
  @Test
  void aValueWithinItsLimitAndWithoutControlCharactersPasses() {
    assertThat(InputLimits.problem("change CHG-123 — ok ✓", InputLimits.COMMENT)).isEmpty();
    assertThat(InputLimits.problem(null, InputLimits.BY)).isEmpty();
  }

  @Test
  void anOverLongValueIsRefusedWithTheLimitAndTheLengthSent() {
    assertThat(InputLimits.problem("x".repeat(5000), InputLimits.COMMENT)).contains("at most 4,000 characters, got 5,000: shorten it");
  }

  @Test
  void aControlCharacterIsRefusedWithWhereItIs() {
    assertThat(InputLimits.problem("alice\r\nrole: admin", InputLimits.BY))
        .contains("must not hold control characters (U+000D at position 5): write it on one line");
  }

  @Test
  void theFirstProblemOfSeveralFieldsNamesItsField() {
    assertThat(InputLimits.firstProblem(
            Field.oneLine("by", "alice", InputLimits.BY), Field.text("comment", "c".repeat(4001), InputLimits.COMMENT)))
        .contains("comment: at most 4,000 characters, got 4,001: shorten it");
  }

  @Test
  void aCommentMaySpanLinesAndHoldTabsButNoOtherControlCharacter() {
    assertThat(InputLimits.textProblem("line one\r\n\tline two", InputLimits.COMMENT)).isEmpty();
    assertThat(InputLimits.textProblem("beep\u0007", InputLimits.COMMENT)).contains("must not hold control characters (U+0007 at position 4)");
    assertThat(InputLimits.boundedText("a\nb\u0000c", InputLimits.COMMENT)).isEqualTo("a\nb c");
    assertThat(InputLimits.bounded("a\nb", InputLimits.BY)).isEqualTo("a b");
  }

  @Test
  void aBoundedValueIsCutToItsLimitWithAMarkAndHasNoControlCharacters() {
    String cut = InputLimits.bounded("a\u0000b" + "c".repeat(5000), InputLimits.COMMENT);

    assertThat(cut).hasSize(InputLimits.COMMENT).startsWith("a b").endsWith(" [cut: 5,003 characters in all]");
    assertThat(InputLimits.bounded("short", InputLimits.COMMENT)).isEqualTo("short");
    assertThat(InputLimits.bounded(null, InputLimits.COMMENT)).isNull();
  }

  @Test
  void aCutNeverSplitsACharacterInTwo() {
    String emoji = "😀".repeat(3000); // 6,000 UTF-16 units
    String cut = InputLimits.bounded(emoji, InputLimits.COMMENT);

    assertThat(cut.length()).isLessThanOrEqualTo(InputLimits.COMMENT);
    assertThat(cut.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).as("no half of a pair").isEmpty();
  }
}
