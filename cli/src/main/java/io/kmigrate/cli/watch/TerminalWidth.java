package io.kmigrate.cli.watch;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The terminal's width, for the bars to fit one line each (jline asks the terminal; the progress-bar library uses it too). */
public final class TerminalWidth {
  private static final int UNKNOWN = 100;

  private TerminalWidth() {}

  public static int columns() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      int width = terminal.getWidth();
      return width > 20 ? width : UNKNOWN;
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
  }
}
