package io.kmigrate.config.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One entry of an allow list. A URL prefix ({@code https://deploy.example.com/kmigrate/}) allows
 * URLs with its scheme, host and port whose path starts with its path at a segment boundary; a
 * host pattern ({@code deploy.example.com}, {@code *.deploy.example.com}) allows http and https
 * URLs to that host on any port. {@code *.} stands for one or more labels, in either form.
 */
record AllowedUrl(String text, String scheme, String host, int port, String path) {
  static AllowedUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an empty entry: write a URL prefix such as https://deploy.example.com/hooks/ or a host such as deploy.example.com");
    }
    String t = text.strip();
    if (!t.contains("://")) {
      String host = t.toLowerCase(Locale.ROOT);
      if (!host.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?\\.?") && Cidr.literal(host).isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' is neither a URL prefix nor a host name (e.g. deploy.example.com or *.example.com)");
      }
      return new AllowedUrl(t, null, host, -1, null);
    }
    URI uri;
    try {
      uri = new URI(t.replace("://*.", "://wildcard-label."));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + text + "' is not an http(s) URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + text + "': a URL prefix has no user, query or fragment");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT).replace("wildcard-label.", "*.");
    String path = uri.normalize().getRawPath();
    return new AllowedUrl(t, scheme, host, port(uri), path == null || path.isEmpty() ? "/" : path);
  }

  /** The port a URL reaches: its own or its scheme's. */
  static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Whether this entry allows {@code url} (already normalized, http(s), with a host and no user). */
  boolean allows(URI url) {
    String h = stripBrackets(url.getHost().toLowerCase(Locale.ROOT));
    if (!hostMatches(h)) {
      return false;
    }
    if (scheme == null) {
      return true;
    }
    if (!scheme.equalsIgnoreCase(url.getScheme()) || port != port(url)) {
      return false;
    }
    String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return p.startsWith(path) && (path.endsWith("/") || p.length() == path.length() || p.charAt(path.length()) == '/');
  }

  private boolean hostMatches(String h) {
    String mine = stripBrackets(host);
    if (mine.startsWith("*.")) {
      String suffix = mine.substring(1);
      return h.endsWith(suffix) && h.length() > suffix.length();
    }
    if (h.equals(mine)) {
      return true;
    }
    // The same IP literal written two ways (::1 and 0:0:0:0:0:0:0:1).
    var a = Cidr.literal(h);
    var b = Cidr.literal(mine);
    return a.isPresent() && b.isPresent() && Arrays.equals(a.get(), b.get());
  }

  private static String stripBrackets(String h) {
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
