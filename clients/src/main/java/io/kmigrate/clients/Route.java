package io.kmigrate.clients;

/**
 * Where a client should connect, as kmigrate's routing API says: the cluster's name in the plan,
 * its bootstrap servers, and a version that grows with every change. Empty bootstrap servers mean
 * stop: hold sends, pause consumption, until the next route.
 */
public record Route(String client, String cluster, String bootstrapServers, long version) {
  /** No route yet (the API answers 404 until a migration or an operator sets one): version 0. */
  public static Route none(String client) {
    return new Route(client, null, "", 0);
  }

  /** Told to stop, or no route yet: connect nowhere. */
  public boolean stopped() {
    return bootstrapServers == null || bootstrapServers.isEmpty();
  }
}
