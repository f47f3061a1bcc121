package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whether MirrorMaker 2 copies the stored messages of the plan's topics from source to target
 * (same topic names), so consumers find on the target what they had not read yet. An empty
 * {@code topics} list mirrors every topic of the plan. {@code syncGroupOffsets} translates the
 * plan's consumer groups' committed offsets to the target, so a consumer moved there resumes
 * where it stopped instead of at its reset policy. A plan without a {@code mirror} section
 * mirrors only in scheme mirror-then-switch; a section without {@code enabled} turns it on, as
 * writing one says that mirroring is wanted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MirrorSettings(Boolean enabled, List<String> topics, Boolean syncGroupOffsets) {

  public MirrorSettings {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    // Null entries are kept (List.copyOf would throw) so the validator names them: mirror.topics[i].
    topics = topics == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(topics));
    syncGroupOffsets = syncGroupOffsets == null ? Boolean.TRUE : syncGroupOffsets;
  }

  /** Every topic of the plan, group offsets translated. */
  public static MirrorSettings allTopics() {
    return new MirrorSettings(true, null, null);
  }

  /** No mirroring: the schemes that drain the source before its consumers stop need no copy. */
  public static MirrorSettings disabled() {
    return new MirrorSettings(false, null, null);
  }

  @JsonIgnore
  public boolean isEnabled() {
    return enabled;
  }

  @JsonIgnore
  public boolean syncsGroupOffsets() {
    return syncGroupOffsets;
  }

  /** An empty list means every topic of the plan, resolved (list or pattern) when the migration runs. */
  @JsonIgnore
  public boolean mirrorsAllTopics() {
    return topics.isEmpty();
  }
}
