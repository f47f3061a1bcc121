package io.kmigrate.workflows.contract;

import java.util.List;

/** One migration's mirror: topics copied from source to the same names on target. */
public record MirrorRequest(String migrationId, String source, String target, List<String> topics, List<String> groups) {
  public MirrorRequest {
    topics = List.copyOf(topics);
    groups = List.copyOf(groups);
  }
}
