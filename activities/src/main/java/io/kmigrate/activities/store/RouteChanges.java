package io.kmigrate.activities.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route changes written through one {@link Database} in this process, told to whoever waits on
 * them here: the API's long polls are answered the moment a worker in the same process moves a
 * route, rather than at their next read of the store. A change written by another process (a
 * worker of its own, another API instance) is seen at that read.
 */
public final class RouteChanges {
  private static final Logger log = LoggerFactory.getLogger(RouteChanges.class);
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * Runs {@code listener} after each route change, on the writer's thread: it must return at once
   * (hand the work to a thread of its own). Returns what unsubscribes it.
   */
  public Runnable subscribe(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A route changed and its transaction committed. A listener's failure is logged: the change stands. */
  void changed() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("a route change listener failed: {}", e.toString());
      }
    }
  }
}
