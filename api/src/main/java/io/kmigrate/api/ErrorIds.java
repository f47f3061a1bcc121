package io.kmigrate.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short random ids that tie an error answer to the log line that says what happened. */
public final class ErrorIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ErrorIds() {}

  /** 16 hex characters, e.g. {@code 3f9c0a7e12b4d5c6}. */
  public static String next() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
