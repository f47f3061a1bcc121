package io.kmigrate.activities.mirror;

import io.kmigrate.workflows.contract.PartitionMirrorLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the caught-up wait remembers between polls (and across retries, as heartbeat details):
 * when it started, since when the mirror has kept up, the source end offsets of recent polls
 * (back to the newest one at least the keep-up window old), and those of the first poll with when
 * the mirror passed them: the backlog's copy time. {@code last} is the latest mirror lag per
 * partition, which the API shows while the wait runs.
 */
public record MirrorWatch(
    long startedMillis, long keptUpSinceMillis, List<SourceEnds> recent, SourceEnds first, long firstPassedMillis, Lag last) {
  /** The mirror lag of one poll. */
  public record Lag(long totalLag, List<PartitionMirrorLag> partitions) {
    public Lag {
      partitions = List.copyOf(partitions);
    }
  }

  /** The source's end offsets ("topic/partition" keyed) as one poll read them. */
  public record SourceEnds(long atMillis, Map<String, Long> ends) {
    public SourceEnds {
      ends = Map.copyOf(ends);
    }
  }

  public MirrorWatch {
    recent = List.copyOf(recent);
  }

  public static MirrorWatch fresh() {
    return new MirrorWatch(System.currentTimeMillis(), -1, List.of(), null, -1, null);
  }

  /** The newest ends read at least {@code windowMs} before {@code now}: what the mirror must have passed. */
  public Optional<SourceEnds> endsBefore(long now, long windowMs) {
    SourceEnds found = null;
    for (SourceEnds e : recent) {
      if (e.atMillis() <= now - windowMs) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The previous poll's ends, if any. */
  public Optional<SourceEnds> previous() {
    return recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1));
  }

  /** This poll added; polls older than the one the window still needs dropped. */
  public MirrorWatch next(long keptUpSince, SourceEnds now, long windowMs, boolean passedFirst, Lag lag) {
    Optional<SourceEnds> needed = endsBefore(now.atMillis(), windowMs);
    List<SourceEnds> kept = new ArrayList<>();
    for (SourceEnds e : recent) {
      if (needed.isEmpty() || e.atMillis() >= needed.get().atMillis()) {
        kept.add(e);
      }
    }
    kept.add(now);
    long passed = firstPassedMillis > 0 ? firstPassedMillis : (first != null && passedFirst ? now.atMillis() : -1);
    return new MirrorWatch(startedMillis, keptUpSince, kept, first == null ? now : first, passed, lag);
  }
}
