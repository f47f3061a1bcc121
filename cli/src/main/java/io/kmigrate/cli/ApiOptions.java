package io.kmigrate.cli;

import io.kmigrate.cli.api.KmigrateApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where the API is and how long to wait for it. The token is read from {@code KMIGRATE_TOKEN}
 * only: an argument would be in the shell's history and every process listing.
 */
public final class ApiOptions {
  static final String DEFAULT_API = "http://127.0.0.1:8080";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--api", paramLabel = "URL",
      description = "the kmigrate server's REST API (default: $KMIGRATE_API, else " + DEFAULT_API + ")")
  String api;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "how long one API call may take (default: ${DEFAULT-VALUE})")
  Duration timeout;

  /** The API these options name, with the session's token; a bad URL is a usage error naming the option. */
  KmigrateApi connect(Session session) {
    String url = api != null ? api : session.env("KMIGRATE_API") != null ? session.env("KMIGRATE_API") : DEFAULT_API;
    URI base;
    try {
      base = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--api: '" + url + "' is not a URL: write e.g. " + DEFAULT_API);
    }
    if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
      throw new ParameterException(spec.commandLine(), "--api: '" + url + "' is not an http(s) URL: write e.g. " + DEFAULT_API);
    }
    String token = session.env("KMIGRATE_TOKEN");
    if (token != null && "http".equals(base.getScheme()) && !loopback(base.getHost())) {
      session.err().println("warning: sending KMIGRATE_TOKEN in clear text to " + base.getHost() + ": use https beyond this host");
    }
    return new KmigrateApi(base, token, timeout);
  }

  private static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
  }
}
