package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Every plan group's translation; the consumer move needs all of them TRANSLATED. */
public record OffsetTranslation(List<GroupTranslation> groups, boolean applied) {
  public OffsetTranslation {
    groups = List.copyOf(groups);
  }

  @JsonIgnore
  public boolean complete() {
    return groups.stream().allMatch(g -> g.status() == TranslationStatus.TRANSLATED);
  }

  /** "groups translated N of M", as reports and gates say it. */
  @JsonIgnore
  public String summary() {
    long ok = groups.stream().filter(g -> g.status() == TranslationStatus.TRANSLATED).count();
    return "groups translated " + ok + " of " + groups.size();
  }

  @JsonIgnore
  public List<GroupTranslation> blocked() {
    return groups.stream().filter(g -> g.status() != TranslationStatus.TRANSLATED).toList();
  }
}
