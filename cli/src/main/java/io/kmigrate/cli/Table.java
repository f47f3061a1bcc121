package io.kmigrate.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns as wide as their widest cell, up to a cap past which a cell is cut with "...". */
public final class Table {
  private static final int CELL_MAX = 60;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      String s = c == null ? "-" : c.toString().replaceAll("\\s+", " ").strip();
      row.add(s.length() > CELL_MAX ? s.substring(0, CELL_MAX - 3) + "..." : s.isEmpty() ? "-" : s);
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table's lines, headers first, columns two spaces apart, no trailing blanks. */
  public List<String> lines() {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = headers.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(line(headers, width));
    rows.forEach(r -> out.add(line(r, width)));
    return out;
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + width[i] + "s  ", cells.get(i)));
    }
    return b.toString().stripTrailing();
  }
}
