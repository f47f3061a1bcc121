package io.kmigrate.workflows.contract;

/**
 * One partition of the mirror: {@code sourceEnd} the source's end offset when read,
 * {@code mirrored} the next source offset the mirror will copy (its committed position), lag the
 * difference. A partition the mirror has not started on counts from the source's log start.
 */
public record PartitionMirrorLag(String topic, int partition, long sourceEnd, long mirrored, long lag) {}
