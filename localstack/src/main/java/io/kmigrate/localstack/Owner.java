package io.kmigrate.localstack;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns what a process started and stops it in reverse order of starting, each exactly once,
 * even when one of them fails to stop.
 */
public final class Owner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Owner.class);
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  public synchronized <T extends AutoCloseable> T own(T thing) {
    owned.push(thing);
    return thing;
  }

  @Override
  public synchronized void close() {
    while (!owned.isEmpty()) {
      AutoCloseable c = owned.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
