package io.kmigrate.config.outbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks an outbound call never reaches unless the configuration names them: where
 * a request from the worker would land on the worker's own host, its network or a cloud's
 * metadata service (169.254.169.254, fd00:ec2::254, 100.100.100.200) rather than on the internet.
 */
public final class SpecialAddresses {
  private record Block(Cidr cidr, String kind) {}

  private static final List<Block> BLOCKS = List.of(
      block("0.0.0.0/8", "an unspecified (this-network) address"),
      block("10.0.0.0/8", "a private address"),
      block("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
      block("127.0.0.0/8", "a loopback address"),
      block("169.254.0.0/16", "a link-local address (cloud metadata lives there)"),
      block("172.16.0.0/12", "a private address"),
      block("192.0.0.0/24", "an IETF protocol address"),
      block("192.0.2.0/24", "a documentation address"),
      block("192.88.99.0/24", "a 6to4 relay address"),
      block("192.168.0.0/16", "a private address"),
      block("198.18.0.0/15", "a benchmarking address"),
      block("198.51.100.0/24", "a documentation address"),
      block("203.0.113.0/24", "a documentation address"),
      block("224.0.0.0/4", "a multicast address"),
      block("240.0.0.0/4", "a reserved address"),
      block("::/128", "an unspecified address"),
      block("::1/128", "a loopback address"),
      block("::/96", "an IPv4-compatible address"),
      block("::ffff:0:0:0/96", "an IPv4-translated address (it reaches an IPv4 address)"),
      block("64:ff9b::/96", "a NAT64 address (it reaches an IPv4 address)"),
      block("64:ff9b:1::/48", "a NAT64 address (it reaches an IPv4 address)"),
      block("100::/64", "a discard address"),
      block("2001::/32", "a Teredo address (it reaches an IPv4 address)"),
      block("2001:db8::/32", "a documentation address"),
      block("2002::/16", "a 6to4 address (it reaches an IPv4 address)"),
      block("fc00::/7", "a unique-local (private) address"),
      block("fe80::/10", "a link-local address"),
      block("fec0::/10", "a site-local address"),
      block("ff00::/8", "a multicast address"));

  private SpecialAddresses() {}

  private static Block block(String cidr, String kind) {
    return new Block(Cidr.parse(cidr), kind);
  }

  /** What kind of special address this is ("a loopback address"), or empty for an ordinary one. */
  public static Optional<String> kind(InetAddress address) {
    return BLOCKS.stream().filter(b -> b.cidr().contains(address)).map(Block::kind).findFirst();
  }
}
