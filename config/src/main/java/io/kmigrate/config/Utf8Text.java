package io.kmigrate.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A plan's or campaign's bytes as text, strictly UTF-8: a byte that is not is an error naming its
 * line, never a replacement character that would change a name or a comment unseen.
 */
public final class Utf8Text {
  private Utf8Text() {}

  /**
   * The text of {@code bytes}; else an {@link InvalidPlanException} on {@code field} saying which
   * byte on which line, and to save the {@code what} as UTF-8.
   */
  public static String decode(byte[] bytes, String field, String what) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer output = CharBuffer.allocate(bytes.length);
    CoderResult result = utf8.decode(input, output, true);
    if (result.isError()) {
      int at = input.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new InvalidPlanException(List.of(new PlanProblem(field,
          String.format("byte 0x%02X on line %d is not UTF-8: save the %s as UTF-8", bytes[at] & 0xff, line, what))));
    }
    utf8.flush(output);
    return output.flip().toString();
  }
}
