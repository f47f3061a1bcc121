package io.kmigrate.workflows.contract;

/**
 * One group-partition: the group's committed offset on the source, the source offset of the
 * newest checkpoint MirrorMaker wrote for it (-1 when none), and the target offset the committed
 * offset translates to (-1 when no offset sync covers it yet). {@code fresh}: translated, and the
 * checkpoint is not ahead of the committed offset (which would mean the group was moved back).
 */
public record TranslatedOffset(
    String topic, int partition, long sourceOffset, long checkpointUpstream, long translatedOffset, boolean fresh) {}
