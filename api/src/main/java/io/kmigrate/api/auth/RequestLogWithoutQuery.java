package io.kmigrate.api.auth;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;

/**
 * The access log without query strings: Dropwizard's default line has {@code %r} (method, path
 * and query), so a token someone put in a URL would be written to the log even though the API
 * refuses it. Every request-log appender without a format of its own gets this one instead,
 * the default with {@code %m %U %H} (method, path, protocol) in place of {@code %r}.
 */
public final class RequestLogWithoutQuery {
  public static final String FORMAT =
      "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}] \"%m %U %H\" %s %b \"%i{Referer}\" \"%i{User-Agent}\" %D";

  private RequestLogWithoutQuery() {}

  public static void apply(ServerFactory server) {
    if (server instanceof AbstractServerFactory s && s.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory log) {
      for (var appender : log.getAppenders()) {
        if (appender instanceof AbstractAppenderFactory<?> a && a.getLogFormat() == null) {
          a.setLogFormat(FORMAT);
        }
      }
    }
  }
}
