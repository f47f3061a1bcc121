package io.kmigrate.config;

import java.util.Comparator;

/** One thing wrong with a plan: the field path (e.g. {@code clients[1].role}) and what to fix. */
public record PlanProblem(String field, String message) {
  /**
   * Problems in the order a person reads a plan: by field, indices compared as numbers, so
   * {@code topics[2]} comes before {@code topics[10]} (and a list cut to its first hundred shows
   * the first hundred entries).
   */
  public static final Comparator<PlanProblem> READING_ORDER = (a, b) -> compareFields(a.field(), b.field());

  static int compareFields(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (isDigit(x) && isDigit(y)) {
        // Compare the two numbers: skip leading zeros, then the longer is larger, else digit by digit.
        int si = i;
        while (si < a.length() - 1 && a.charAt(si) == '0' && isDigit(a.charAt(si + 1))) {
          si++;
        }
        int sj = j;
        while (sj < b.length() - 1 && b.charAt(sj) == '0' && isDigit(b.charAt(sj + 1))) {
          sj++;
        }
        int ei = si;
        while (ei < a.length() && isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = sj;
        while (ej < b.length() && isDigit(b.charAt(ej))) {
          ej++;
        }
        int c = Integer.compare(ei - si, ej - sj);
        for (int k = 0; c == 0 && k < ei - si; k++) {
          c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
        }
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
