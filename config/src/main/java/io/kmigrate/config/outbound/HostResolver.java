package io.kmigrate.config.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks a host name up: the system's resolver, or in tests one whose answers change (DNS rebinding). */
@FunctionalInterface
public interface HostResolver {
  HostResolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String host) throws UnknownHostException;
}
