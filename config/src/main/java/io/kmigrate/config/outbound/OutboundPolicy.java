package io.kmigrate.config.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where kmigrate may send an HTTP call on a plan's behalf (a repoint webhook). A destination must
 * start with an entry of {@code allowedUrls}; every address its host resolves to must be an
 * ordinary one, or lie in a block {@code allowedNetworks} names (loopback, private, link-local,
 * unique-local, multicast and unspecified addresses are refused otherwise); and it must not be a
 * port of this process on this host, whatever the lists say. Nothing is allowed by default.
 *
 * <p>A plan is checked when it is validated ({@link #refusal}); the call itself checks again on
 * every attempt, on the addresses it then connects to ({@link #addressesFor}), so a name that
 * resolved to an allowed address at validation and to a private one later (DNS rebinding) is
 * refused at the call.
 */
public final class OutboundPolicy {
  private final String setting;
  private final List<AllowedUrl> urls;
  private final List<Cidr> networks;
  private final OwnPorts ownPorts;
  private final HostResolver resolver;

  private OutboundPolicy(String setting, List<AllowedUrl> urls, List<Cidr> networks, OwnPorts ownPorts, HostResolver resolver) {
    this.setting = setting;
    this.urls = List.copyOf(urls);
    this.networks = List.copyOf(networks);
    this.ownPorts = ownPorts;
    this.resolver = resolver;
  }

  /** Allows nothing: the default with no configuration. */
  public static OutboundPolicy none(String setting) {
    return new OutboundPolicy(setting, List.of(), List.of(), new OwnPorts(), HostResolver.SYSTEM);
  }

  /**
   * The policy the configuration describes.
   *
   * @param setting where the lists are configured, e.g. {@code webhooks}: errors and refusals name
   *     {@code webhooks.allowedUrls[1]}
   * @throws IllegalArgumentException naming the entry that is not a URL prefix, host or address block
   */
  public static OutboundPolicy of(String setting, List<String> allowedUrls, List<String> allowedNetworks, OwnPorts ownPorts) {
    return of(setting, allowedUrls, allowedNetworks, ownPorts, HostResolver.SYSTEM);
  }

  public static OutboundPolicy of(
      String setting, List<String> allowedUrls, List<String> allowedNetworks, OwnPorts ownPorts, HostResolver resolver) {
    List<AllowedUrl> urls = parseEach(setting + ".allowedUrls", allowedUrls, AllowedUrl::parse);
    List<Cidr> networks = parseEach(setting + ".allowedNetworks", allowedNetworks, Cidr::parse);
    return new OutboundPolicy(setting, urls, networks, ownPorts, resolver);
  }

  /** Each entry parsed; the first that cannot be is refused naming it, e.g. {@code webhooks.allowedUrls[1]}. */
  private static <T> List<T> parseEach(String field, List<String> entries, Function<String, T> parse) {
    List<T> parsed = new ArrayList<>();
    List<String> list = entries == null ? List.of() : entries;
    for (int i = 0; i < list.size(); i++) {
      try {
        parsed.add(parse.apply(list.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage());
      }
    }
    return parsed;
  }

  /**
   * The same policy for validating one plan: each host is looked up once, and at most
   * {@code hosts} of them (a plan naming more is not a reason to make thousands of lookups in one
   * request; the calls check every host anyway).
   */
  public OutboundPolicy lookingUpAtMost(int hosts) {
    Map<String, InetAddress[]> looked = new HashMap<>();
    HostResolver underlying = resolver;
    return withResolver(host -> {
      InetAddress[] known = looked.get(host);
      if (known != null) {
        return known;
      }
      if (looked.size() >= hosts) {
        throw new UnknownHostException(host + " (not looked up: the plan names more than " + hosts + " webhook hosts)");
      }
      InetAddress[] found = underlying.resolve(host);
      looked.put(host, found);
      return found;
    });
  }

  /** The same lists with another resolver: tests stand in for DNS with it. */
  public OutboundPolicy withResolver(HostResolver other) {
    return new OutboundPolicy(setting, urls, networks, ownPorts, other);
  }

  /** Why {@code url} is refused, as a plan's validation reports it; empty when it is allowed. */
  public Optional<String> refusal(String url) {
    try {
      URI uri = allowedUri(url);
      InetAddress[] addresses;
      try {
        addresses = addressesOf(uri);
      } catch (UnknownHostException e) {
        return Optional.empty(); // the worker may see names this process does not; every call checks again
      }
      checkAddresses(url, uri, addresses);
      return Optional.empty();
    } catch (RefusedDestination e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The URI to call and the addresses to connect to, checked now: the caller connects to exactly
   * these (never resolving the name again), so what was checked is what is reached.
   *
   * @throws RefusedDestination saying why the destination is not allowed
   * @throws UnknownHostException when the host name does not resolve
   */
  public Destination addressesFor(String url) throws UnknownHostException {
    URI uri = allowedUri(url);
    InetAddress[] addresses = addressesOf(uri);
    checkAddresses(url, uri, addresses);
    return new Destination(uri, List.of(addresses));
  }

  /** A checked destination: the normalized URI and the addresses its host resolved to. */
  public record Destination(URI uri, List<InetAddress> addresses) {}

  private URI allowedUri(String url) {
    if (url == null || url.isBlank()) {
      throw new RefusedDestination("no URL given");
    }
    URI uri;
    try {
      uri = new URI(url.strip()).normalize();
    } catch (URISyntaxException e) {
      throw new RefusedDestination("'" + url + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new RefusedDestination("'" + url + "' is not an http(s) URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedDestination("'" + url + "' carries a user name or password: remove it (the worker signs its calls)");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new RefusedDestination("'" + url + "' names port " + uri.getPort() + ": a port is 1 to 65535");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String lower = path.toLowerCase(Locale.ROOT);
    // Encoded dots and slashes, backslashes and path parameters (..;/) are read as a climb by some
    // receivers (Tomcat, Spring) though not by java.net.URI: a prefix would no longer bound the path.
    if (path.startsWith("/..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25")
        || path.contains("\\") || path.contains(";")) {
      throw new RefusedDestination("'" + url + "' has an encoded, relative or parameterised path segment: write the path out plainly");
    }
    if (urls.isEmpty()) {
      throw new RefusedDestination("'" + url + "' is not an allowed destination: the worker configuration allows none "
          + "(add a URL prefix or host of it to " + setting + ".allowedUrls)");
    }
    if (urls.stream().noneMatch(a -> a.allows(uri))) {
      throw new RefusedDestination("'" + url + "' is not an allowed destination: no entry of " + setting + ".allowedUrls "
          + urls.stream().map(AllowedUrl::text).toList() + " allows it");
    }
    return uri;
  }

  private InetAddress[] addressesOf(URI uri) throws UnknownHostException {
    String host = uri.getHost();
    Optional<byte[]> literal = Cidr.literal(host);
    if (literal.isPresent()) {
      return new InetAddress[] {InetAddress.getByAddress(literal.get())};
    }
    InetAddress[] found = resolver.resolve(host);
    if (found == null || found.length == 0) {
      throw new UnknownHostException(host + " resolves to no address");
    }
    return found;
  }

  private void checkAddresses(String url, URI uri, InetAddress[] addresses) {
    int port = AllowedUrl.port(uri);
    for (InetAddress a : addresses) {
      String shown = a.getHostAddress();
      if (isThisHost(a) && ownPorts.contains(port)) {
        throw new RefusedDestination("'" + url + "' reaches port " + port + " of this kmigrate process (" + shown
            + "): a webhook never calls kmigrate itself");
      }
      Optional<String> kind = SpecialAddresses.kind(a);
      if (kind.isPresent() && networks.stream().noneMatch(n -> n.contains(a))) {
        throw new RefusedDestination("'" + url + "' reaches " + shown + ", " + kind.get() + ": refused unless "
            + setting + ".allowedNetworks names its block");
      }
    }
  }

  /** Loopback, unspecified, or an address of one of this host's interfaces. */
  private static boolean isThisHost(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
      return true;
    }
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress mine : Collections.list(ni.getInetAddresses())) {
          if (mine.equals(a) || (a instanceof Inet4Address && Arrays.equals(mine.getAddress(), a.getAddress()))) {
            return true;
          }
        }
      }
    } catch (SocketException e) {
      return true; // cannot tell: err on the side of refusing
    }
    return false;
  }

  /** Why a destination is not allowed. */
  public static final class RefusedDestination extends RuntimeException {
    public RefusedDestination(String message) {
      super(message);
    }
  }
}
