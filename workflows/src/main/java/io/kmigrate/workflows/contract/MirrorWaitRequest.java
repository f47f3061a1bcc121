package io.kmigrate.workflows.contract;

/**
 * Wait for the mirror; gives up (returning the state) after reportAfterMs. While producers still
 * write to the source the mirror is caught up when it keeps up: each poll it has copied what the
 * source held at the poll before. With {@code toTheLastRecord} (producers fenced) it must reach
 * lag 0 on every partition.
 */
public record MirrorWaitRequest(MirrorRequest mirror, WaitSettings waits, long reportAfterMs, boolean toTheLastRecord) {}
