package io.kmigrate.workflows.contract;

/** Write a complete translation to the target cluster's groups. */
public record ApplyOffsetsRequest(String target, OffsetTranslation translation) {}
