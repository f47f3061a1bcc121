package io.kmigrate.workflows.contract;

/** Why a group may or may not move to the target at translated offsets. */
public enum TranslationStatus {
  /** Every committed offset is translated, and MirrorMaker has checkpointed the group there. */
  TRANSLATED,
  /** The group has members on the source: its offsets still move. */
  SOURCE_ACTIVE,
  /** A checkpoint is ahead of the group's committed offset: the group was moved back since. */
  STALE,
  /** A partition the group committed on has no checkpoint, or no offset sync covers its offset yet. */
  MISSING,
  /** The target group has members: offsets cannot be written under them. */
  TARGET_ACTIVE
}
