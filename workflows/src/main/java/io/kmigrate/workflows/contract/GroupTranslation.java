package io.kmigrate.workflows.contract;

import java.util.List;

/** One group's translation; {@code reason} says what blocks it when not TRANSLATED. */
public record GroupTranslation(String group, TranslationStatus status, String reason, List<TranslatedOffset> partitions) {
  public GroupTranslation {
    partitions = List.copyOf(partitions);
  }

  /** A NOT_EXACT group with MirrorMaker's offsets accepted where they were not proven exact; any other as it is. */
  public GroupTranslation acceptingApproximate() {
    if (status != TranslationStatus.NOT_EXACT) {
      return this;
    }
    return new GroupTranslation(group, TranslationStatus.APPROXIMATE, reason,
        partitions.stream().map(p -> p.notExactBecause() == null ? p : p.approximate()).toList());
  }

  /** "group STATUS (reason)", as gates and failures say it. */
  public String describe() {
    return group + " " + status + (reason == null ? "" : " (" + reason + ")");
  }
}
