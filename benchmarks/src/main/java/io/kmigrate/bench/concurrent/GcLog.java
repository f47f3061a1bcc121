package io.kmigrate.bench.concurrent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's heap over its life, from its unified GC log ({@code -Xlog:gc}): used heap peaks just
 * before a collection, so the largest "before" is the high-water mark; the largest "after" is the
 * most the heap retained; the committed size is in parentheses.
 */
record GcLog(int collections, int fullCollections, long maxBeforeMb, long maxAfterMb, long maxCommittedMb, double longestPauseMs, double totalPauseMs) {
  /** {@code [3.210s][info][gc] GC(7) Pause Young (Allocation Failure) 45M->12M(98M) 3.456ms} */
  private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause (Young|Full).*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

  static GcLog read(Path file) throws IOException {
    int collections = 0;
    int full = 0;
    long before = 0;
    long after = 0;
    long committed = 0;
    double longest = 0;
    double total = 0;
    for (String line : Files.readAllLines(file)) {
      Matcher m = PAUSE.matcher(line);
      if (!m.find()) {
        continue;
      }
      collections++;
      if (m.group(1).equals("Full")) {
        full++;
      }
      before = Math.max(before, Long.parseLong(m.group(2)));
      after = Math.max(after, Long.parseLong(m.group(3)));
      committed = Math.max(committed, Long.parseLong(m.group(4)));
      double pause = Double.parseDouble(m.group(5));
      longest = Math.max(longest, pause);
      total += pause;
    }
    return new GcLog(collections, full, before, after, committed, longest, total);
  }
}
