package io.kmigrate.config;

/** One thing wrong with a plan: the field path (e.g. {@code clients[1].role}) and what to fix. */
public record PlanProblem(String field, String message) {
  /**
   * Problems in the order a person reads a plan: by field, indices compared as numbers, so
   * {@code topics[2]} comes before {@code topics[10]} (and a list cut to its first hundred shows
   * the first hundred entries).
   */
  public static final java.util.Comparator<PlanProblem> READING_ORDER = (a, b) -> compareFields(a.field(), b.field());

  static int compareFields(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String na = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
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

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
