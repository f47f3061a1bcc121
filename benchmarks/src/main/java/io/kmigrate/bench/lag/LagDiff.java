package io.kmigrate.bench.lag;

import java.util.ArrayList;
import java.util.List;

/** Row-by-row comparison of two sorted lag listings, naming the first rows that differ. */
final class LagDiff {
  private LagDiff() {}

  /**
   * @param left sorted rows, named {@code leftName} in the differences
   * @param right sorted rows, named {@code rightName}
   * @return up to {@code max} differences, empty when both list the same group-partitions with the same lag
   */
  static List<String> differences(String leftName, List<LagRow> left, String rightName, List<LagRow> right, int max) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while ((i < left.size() || j < right.size()) && out.size() < max) {
      LagRow l = i < left.size() ? left.get(i) : null;
      LagRow r = j < right.size() ? right.get(j) : null;
      int order = l == null ? 1 : r == null ? -1 : l.compareTo(r);
      if (order < 0) {
        out.add(leftName + " has " + l + ", " + rightName + " has no row");
        i++;
      } else if (order > 0) {
        out.add(rightName + " has " + r + ", " + leftName + " has no row");
        j++;
      } else {
        if (l.lag() != r.lag()) {
          out.add(l.group() + " " + l.topic() + "-" + l.partition() + ": " + leftName + " lag " + l.lag() + ", " + rightName + " lag " + r.lag());
        }
        i++;
        j++;
      }
    }
    return out;
  }
}
