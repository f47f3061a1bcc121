package io.kmigrate.config.outbound;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The ports this kmigrate process listens on (API, admin, metrics, the embedded Temporal and
 * Connect), filled in as each starts: an outbound call never reaches them on this host, whatever
 * the configuration allows, so a plan cannot make kmigrate call its own admin tasks or Connect.
 */
public final class OwnPorts {
  private final Set<Integer> ports = new ConcurrentSkipListSet<>();

  /** Adds a port once the component listens on it; 0 and negative (not listening) are ignored. */
  public void add(int port) {
    if (port > 0) {
      ports.add(port);
    }
  }

  public boolean contains(int port) {
    return ports.contains(port);
  }

  public Set<Integer> all() {
    return new TreeSet<>(ports);
  }
}
