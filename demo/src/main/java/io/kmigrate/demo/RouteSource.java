package io.kmigrate.demo;

import io.kmigrate.clients.Route;
import java.util.function.Consumer;

/** Where a sample client learns its route: the routing API, or a deploy system's webhook. */
@FunctionalInterface
public interface RouteSource {
  /** Calls {@code listener} with the route now and with each change after it, until the returned handle is closed. */
  AutoCloseable follow(Consumer<Route> listener);
}
