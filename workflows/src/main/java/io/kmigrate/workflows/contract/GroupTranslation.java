package io.kmigrate.workflows.contract;

import java.util.List;

/** One group's translation; {@code reason} says what blocks it when not TRANSLATED. */
public record GroupTranslation(String group, TranslationStatus status, String reason, List<TranslatedOffset> partitions) {
  public GroupTranslation {
    partitions = List.copyOf(partitions);
  }

  /** "group STATUS (reason)", as gates and failures say it. */
  public String describe() {
    return group + " " + status + (reason == null ? "" : " (" + reason + ")");
  }
}
