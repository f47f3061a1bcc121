package io.kmigrate.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/** A terminal: the whole view redrawn in place at each read, with a bar per group. */
public final class TerminalScreen implements Screen {
  private static final String HOME_AND_CLEAR = "\033[H\033[2J";
  private final PrintStream out;
  private final LagBars bars;
  private final String footer;
  private String note = "";

  public TerminalScreen(PrintStream out, LagBars bars, String footer) {
    this.out = out;
    this.bars = bars;
    this.footer = footer;
  }

  @Override
  public void show(JsonNode view) {
    List<String> lines = ViewText.lines(view, bars);
    StringBuilder frame = new StringBuilder(HOME_AND_CLEAR);
    lines.forEach(l -> frame.append(l).append('\n'));
    frame.append('\n').append(footer).append('\n');
    if (!note.isEmpty()) {
      frame.append(note).append('\n');
      note = "";
    }
    out.print(frame);
    out.flush();
  }

  @Override
  public void note(String text) {
    note = text;
    out.println(text);
  }
}
