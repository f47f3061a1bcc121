package io.kmigrate.workflows.contract;

/**
 * One group's position on one partition. {@code committed} is -1 when the group has no commit
 * there; lag is then counted from the log start, never read as zero.
 */
public record PartitionLag(String group, String topic, int partition, long committed, long logStart, long logEnd, long lag) {}
