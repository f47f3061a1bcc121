package io.kmigrate.demo;

/** Where a sample client learns its route: the routing API, or a deploy system's webhook. */
public interface RouteSource {
  RouteClient.Route fetch();
}
