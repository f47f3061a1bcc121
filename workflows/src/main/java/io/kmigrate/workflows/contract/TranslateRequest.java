package io.kmigrate.workflows.contract;

/** Wait until every group's committed offsets have a fresh checkpoint on the target. */
public record TranslateRequest(MirrorRequest mirror, WaitSettings waits, long reportAfterMs) {}
