package io.kmigrate.api.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every answer of the application port (the console and the REST API): the page may
 * load only its own scripts, styles and data (no inline script, nothing from elsewhere) and may not
 * be framed, so a page of another site cannot overlay the Approve button; answers are not sniffed
 * into another type; and no URL leaks to another site in a Referer.
 */
public final class SecurityHeaders implements Filter {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    if (response instanceof HttpServletResponse http) {
      http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.setHeader("Referrer-Policy", "no-referrer");
      http.setHeader("X-Frame-Options", "DENY");
    }
    chain.doFilter(request, response);
  }
}
