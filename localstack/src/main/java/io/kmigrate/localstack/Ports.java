package io.kmigrate.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Local ports: a free one when none is asked for, a clear error when the asked one is taken. */
public final class Ports {
  private Ports() {}

  // A port handed out is bound later by someone else (a child broker): never hand it out twice.
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  public static int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new IllegalStateException("no free local port", e);
      }
    }
    throw new IllegalStateException("no free local port not handed out already");
  }

  /** Throws, naming the port and what wanted it, when {@code port} is in use on 127.0.0.1. */
  public static int requireFree(int port, String what) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          "port " + port + " for " + what + " is already in use on 127.0.0.1: stop what holds it or choose another port");
    }
  }

  public static int chooseOrFree(int port, String what) {
    return port > 0 ? requireFree(port, what) : free();
  }
}
