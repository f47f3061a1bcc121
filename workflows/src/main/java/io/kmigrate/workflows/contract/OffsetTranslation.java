package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Every plan group's translation; the consumer move needs all of them TRANSLATED. */
public record OffsetTranslation(List<GroupTranslation> groups, boolean applied) {
  public OffsetTranslation {
    groups = List.copyOf(groups);
  }

  /** Every group may move: translated, exactly or by a person's choice. */
  @JsonIgnore
  public boolean complete() {
    return groups.stream().allMatch(g -> g.status() == TranslationStatus.TRANSLATED || g.status() == TranslationStatus.APPROXIMATE);
  }

  /** Nothing left to wait for: the only groups that may not move yet are those whose offsets are not proven exact. */
  @JsonIgnore
  public boolean waitsOnlyForAPerson() {
    return !complete() && blocked().stream().allMatch(g -> g.status() == TranslationStatus.NOT_EXACT);
  }

  /** The same translation with MirrorMaker's offsets accepted where the records did not prove them exact. */
  public OffsetTranslation acceptingApproximate() {
    return new OffsetTranslation(groups.stream().map(GroupTranslation::acceptingApproximate).toList(), applied);
  }

  /** How many records resuming at MirrorMaker's translation would read again, at most, where offsets are not exact. */
  @JsonIgnore
  public long rereadAtMost() {
    return groups.stream().flatMap(g -> g.partitions().stream())
        .filter(p -> p.notExactBecause() != null).mapToLong(TranslatedOffset::rereadAtMost).sum();
  }

  /** "N of M group-partitions exact": those whose offset was established from the records (or that consumed nothing). */
  @JsonIgnore
  public String exactSummary() {
    List<TranslatedOffset> all = groups.stream().flatMap(g -> g.partitions().stream()).toList();
    long exact = all.stream()
        .filter(p -> p.method() == HandoverMethod.EXACT || p.method() == HandoverMethod.NOTHING_CONSUMED).count();
    return exact + " of " + all.size() + " group-partitions";
  }

  /** "groups translated N of M", as reports and gates say it. */
  @JsonIgnore
  public String summary() {
    long ok = groups.stream().filter(g -> g.status() == TranslationStatus.TRANSLATED || g.status() == TranslationStatus.APPROXIMATE).count();
    return "groups translated " + ok + " of " + groups.size();
  }

  @JsonIgnore
  public List<GroupTranslation> blocked() {
    return groups.stream().filter(g -> g.status() != TranslationStatus.TRANSLATED && g.status() != TranslationStatus.APPROXIMATE).toList();
  }
}
