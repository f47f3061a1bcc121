package io.kmigrate.api.http;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.metrics.servlets.AdminServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * The admin port serves health checks and metrics. Dropwizard's tasks ({@code POST /tasks/gc},
 * {@code /tasks/log-level}) change the running process, and thread dumps and CPU profiles show its
 * internals and cost CPU: they answer 404 unless a setting turns them on
 * ({@code diagnostics.tasks}, {@code diagnostics.threadDumps}).
 */
public final class AdminEndpoints {
  private AdminEndpoints() {}

  public static void restrict(Environment environment, boolean tasks, boolean threadDumps) {
    var admin = environment.getAdminContext();
    admin.setInitParameter(AdminServlet.THREADS_ENABLED_PARAM_KEY, Boolean.toString(threadDumps));
    admin.setInitParameter(AdminServlet.CPU_PROFILE_ENABLED_PARAM_KEY, Boolean.toString(threadDumps));
    if (!tasks) {
      environment.admin().addFilter("tasks-off", new Off("admin tasks are off: set diagnostics.tasks: true to use them"))
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/tasks", "/tasks/*");
    }
  }

  /** Answers 404 with a line that says why, before the servlet behind it runs. */
  private static final class Off implements Filter {
    private final byte[] body;

    Off(String why) {
      this.body = ("{\"code\":404,\"message\":\"" + why + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(404);
      http.setContentType("application/json");
      http.setContentLength(body.length);
      http.getOutputStream().write(body);
    }
  }
}
