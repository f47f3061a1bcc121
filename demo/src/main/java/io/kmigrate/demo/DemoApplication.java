package io.kmigrate.demo;

import io.dropwizard.core.setup.Bootstrap;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;

/**
 * kmigrate with the demo: every command of the product, plus {@code demo}. The demo jar's entry
 * point, which {@code ./kmigrate demo} runs; the product's jar has no demo in it.
 */
public class DemoApplication extends KmigrateApplication {
  public static void main(String[] args) throws Exception {
    new DemoApplication().run(args);
  }

  @Override
  public void initialize(Bootstrap<KmigrateConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new DemoCommand(this));
  }
}
