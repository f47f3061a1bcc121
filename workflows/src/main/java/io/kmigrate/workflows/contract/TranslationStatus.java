package io.kmigrate.workflows.contract;

/** Why a group may or may not move to the target at translated offsets. */
public enum TranslationStatus {
  /** Every committed offset is translated: exactly, from the records, once the handover ran. */
  TRANSLATED,
  /** The group has members on the source: its offsets still move. */
  SOURCE_ACTIVE,
  /**
   * A checkpoint is ahead of the group's committed offset: the group was moved back since. Only
   * in histories from before the exact handover, which reads the committed offset itself.
   */
  STALE,
  /** No offset sync covers a committed offset yet, or the mirror has not copied up to it. */
  MISSING,
  /** The target group has members: offsets cannot be written under them. */
  TARGET_ACTIVE,
  /**
   * Translated, but the records do not prove a partition's target offset exact (the copy differs
   * there, a record is missing, the target holds foreign records): only a person can accept
   * MirrorMaker's translation, which may read a few records again.
   */
  NOT_EXACT,
  /** A person accepted MirrorMaker's translation where it was not proven exact. */
  APPROXIMATE
}
