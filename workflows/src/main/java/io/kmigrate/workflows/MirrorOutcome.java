package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.OffsetTranslation;

/**
 * What the mirror did: where it ran, how it first caught up (the copy's rate), the groups'
 * translated offsets, the copy's verification and how long producers were fenced (from their
 * fence to their resume on the target).
 */
public record MirrorOutcome(
    String connect, MirrorCaughtUp caughtUp, OffsetTranslation translation, CopyVerification copy, long fenceMs) {}
