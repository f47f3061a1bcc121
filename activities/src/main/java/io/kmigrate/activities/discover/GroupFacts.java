package io.kmigrate.activities.discover;

import java.util.List;

/**
 * A consumer group as discovery found it: its protocol ({@code classic} or {@code consumer}, KIP-848),
 * state, the topics it has commits on or is assigned (those in scope), its members' client ids and
 * hosts, and its lag on those topics (end offsets minus commits, partitions without a commit not counted).
 */
public record GroupFacts(String group, String protocol, String state, List<String> topics, List<Member> members, long lag) {
  public GroupFacts {
    topics = List.copyOf(topics);
    members = List.copyOf(members);
  }

  /** One member: the client id it connects with and the host it connects from. */
  public record Member(String clientId, String host) {}
}
