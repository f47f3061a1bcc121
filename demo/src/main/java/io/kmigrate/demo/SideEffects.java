package io.kmigrate.demo;

import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * A migration's side effects counted from outside kmigrate: plan topics that appeared on the
 * target (Kafka's topic list), route changes (each change bumps the route's version in the store;
 * an unchanged repoint does not), and changes the deploy system applied (one per idempotency key).
 * A retried activity that repeated its side effect would show here as one too many.
 */
public record SideEffects(long topicsCreated, long routeFlips, long webhooksApplied) {

  /** What a run without faults does: each plan topic created once, each client repointed once. */
  public static SideEffects oncePerStep(int topics, int routingRepoints, int webhookRepoints) {
    return new SideEffects(topics, routingRepoints, webhookRepoints);
  }

  /** Takes the before-picture at construction; {@link #count()} gives the difference since. */
  public static final class Counter {
    private final Admin target;
    private final RouteStore routes;
    private final List<String> topics;
    private final List<String> routedClients;
    private final DemoDeploySystem deploy;
    private final long topicsBefore;
    private final Map<String, Long> versionsBefore = new HashMap<>();
    private final long appliedBefore;

    public Counter(Admin target, RouteStore routes, List<String> topics, List<String> routedClients, DemoDeploySystem deploy) {
      this.target = target;
      this.routes = routes;
      this.topics = topics;
      this.routedClients = routedClients;
      this.deploy = deploy;
      this.topicsBefore = planTopicsOnTarget();
      routedClients.forEach(c -> versionsBefore.put(c, version(c)));
      this.appliedBefore = deploy == null ? 0 : deploy.applied();
    }

    public SideEffects count() {
      long flips = routedClients.stream().mapToLong(c -> version(c) - versionsBefore.get(c)).sum();
      return new SideEffects(planTopicsOnTarget() - topicsBefore, flips, deploy == null ? 0 : deploy.applied() - appliedBefore);
    }

    /** Whether every plan topic exists on the target. */
    public boolean allTopicsOnTarget() {
      return planTopicsOnTarget() == topics.size();
    }

    private long planTopicsOnTarget() {
      try {
        Set<String> names = target.listTopics().names().get();
        return topics.stream().filter(names::contains).count();
      } catch (ExecutionException e) {
        throw new IllegalStateException("listing the target's topics failed: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private long version(String client) {
      return routes.find(client).map(ClientRoute::version).orElse(0L);
    }
  }
}
