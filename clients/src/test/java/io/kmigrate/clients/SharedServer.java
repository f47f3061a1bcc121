package io.kmigrate.clients;

import io.dropwizard.testing.DropwizardTestSupport;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.api.testing.UserTokens;
import io.kmigrate.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One kmigrate server on the embedded default (two local brokers, Temporal, H2) with auth on, for
 * the whole module's tests: started by the first class that needs it and stopped when the test run
 * ends, so the brokers start once.
 */
final class SharedServer implements BeforeAllCallback {
  static final UserTokens TOKENS = new UserTokens("kmigrate-clients-test");
  static final String VIEWER = TOKENS.token("vera");
  private static DropwizardTestSupport<KmigrateConfiguration> support;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (SharedServer.class) {
      if (support == null) {
        DropwizardTestSupport<KmigrateConfiguration> s =
            new DropwizardTestSupport<>(KmigrateApplication.class, TOKENS.serverConfig(Map.of("vera", List.of("viewer"))));
        s.before();
        support = s;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedServer.class.getName(),
            (ExtensionContext.Store.CloseableResource) SharedServer::stop);
      }
    }
  }

  private static synchronized void stop() {
    support.after();
    support = null;
  }

  private static KmigrateApplication application() {
    return support.getApplication();
  }

  static int port() {
    return support.getLocalPort();
  }

  static String api() {
    return "http://127.0.0.1:" + port();
  }

  static RouteStore routes() {
    return new RouteStore(application().runtime().database());
  }

  static LocalStack stack() {
    return application().runtime().localStack();
  }
}
