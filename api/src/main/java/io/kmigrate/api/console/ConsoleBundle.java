package io.kmigrate.api.console;

import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The operator console: the static files under resources/console (HTML, CSS, JavaScript; no build
 * step) served at {@code /console/}, and {@code /console} redirected there. It calls the REST API
 * from the browser, so it needs no access of its own: what a user may do is what their token may.
 */
public final class ConsoleBundle implements ConfiguredBundle<Configuration> {
  public static final String PATH = "/console";

  private final AssetsBundle assets = new AssetsBundle(PATH, PATH, "index.html", "console");

  @Override
  public void initialize(Bootstrap<?> bootstrap) {
    assets.initialize(bootstrap);
  }

  @Override
  public void run(Configuration configuration, Environment environment) {
    assets.run(configuration, environment);
    environment.servlets().addServlet("console-redirect", new AddTrailingSlash()).addMapping(PATH);
  }

  /** Served without its slash, the page's relative links (console.css, ../api/v1/) would resolve one level too high. */
  static final class AddTrailingSlash extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.sendRedirect(request.getRequestURI() + "/");
    }
  }
}
