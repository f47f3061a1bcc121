package io.kmigrate.workflows.contract;

/**
 * One partition of a copy compared: the source records in {@code [sourceFrom, sourceTo)} against
 * as many records from the start of the same target partition. The counts are records, not offset
 * differences (transaction markers and compaction leave gaps). The target holding fewer records
 * is a mismatch with both counts, never an error.
 */
public record PartitionCopyCheck(
    String topic,
    int partition,
    long sourceFrom,
    long sourceTo,
    long sourceRecords,
    long targetRecords,
    String sourceChecksum,
    String targetChecksum,
    boolean matches) {}
