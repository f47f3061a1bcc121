package io.kmigrate.workflows.contract;

import io.temporal.activity.ActivityInterface;

/**
 * MirrorMaker 2 under one contract, whichever Kafka Connect runs its connectors (the worker's
 * embedded one or the user's cluster, over its REST API). The waits heartbeat like the lag waits
 * and return what a person must see once {@code reportAfterMs} passed without success.
 */
@ActivityInterface
public interface MirrorActivities {
  /** Creates (or updates) the source, checkpoint and heartbeat connectors; idempotent. */
  MirrorStarted startMirror(MirrorRequest request);

  /** Every partition's mirror lag is 0 (and stayed 0 for stableFor), or reportAfterMs passed. */
  MirrorCaughtUp awaitMirrorCaughtUp(MirrorWaitRequest request);

  /** Every group's offsets are translated by a fresh checkpoint, or reportAfterMs passed. */
  OffsetTranslation awaitOffsetsTranslated(TranslateRequest request);

  /** Writes translated offsets to the target groups, which must have no members. */
  OffsetTranslation applyTranslatedOffsets(ApplyOffsetsRequest request);

  /** Deletes the connectors; a mirror already gone is not an error. */
  MirrorStopped stopMirror(MirrorRequest request);

  /** Record counts and order-sensitive checksums of the copied range, source against target. */
  CopyVerification verifyCopy(VerifyCopyRequest request);
}
