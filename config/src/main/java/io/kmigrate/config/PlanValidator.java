package io.kmigrate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kmigrate.config.outbound.OutboundPolicy;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a plan before anything starts: Bean Validation on each field, then the rules that span
 * fields (legal topic names, known and distinct clusters, positive durations of at most a year,
 * unique names, a mirror that fits the scheme).
 * Returns every problem at once so a user fixes a plan in one pass.
 */
public final class PlanValidator {
  private static final ValidatorFactory FACTORY =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();

  /** No wait or gate lasts longer: beyond it a duration is a typo, and far beyond it overflows Temporal's timers. */
  static final Duration MAX_DURATION = Duration.ofDays(365);

  private final Set<String> knownClusters;
  private final OutboundPolicy webhooks;
  private final Validator validator = FACTORY.getValidator();

  /** A validator for a worker that allows no webhook destination (its configuration's default). */
  public PlanValidator(Set<String> knownClusters) {
    this(knownClusters, OutboundPolicy.none("webhooks"));
  }

  /**
   * @param knownClusters the cluster names the worker is configured with
   * @param webhooks where the worker's configuration lets a webhook client's calls go
   */
  public PlanValidator(Set<String> knownClusters, OutboundPolicy webhooks) {
    this.knownClusters = Set.copyOf(knownClusters);
    this.webhooks = webhooks;
  }

  public List<PlanProblem> validate(MigrationPlan plan) {
    List<PlanProblem> problems = new ArrayList<>();
    for (ConstraintViolation<MigrationPlan> v : validator.validate(plan)) {
      problems.add(new PlanProblem(fieldPath(v.getPropertyPath().toString()), v.getMessage()));
    }
    checkClusters(plan, problems);
    checkTopics(plan, problems);
    checkGroupsAndClients(plan, problems);
    checkMirror(plan, problems);
    checkWaits(plan.waits(), problems);
    checkGates(plan.gates(), problems);
    checkSize(plan, problems);
    problems.sort(PlanProblem.READING_ORDER);
    return problems;
  }

  /**
   * Every problem of a plan text: what reading it found, then the rules on what could be read
   * (skipping fields already reported). Empty when the plan is valid.
   */
  public List<PlanProblem> validate(String text) {
    try {
      return validate(PlanLoader.parse(text));
    } catch (InvalidPlanException e) {
      return withRuleProblems(e);
    }
  }

  /** Parses and validates; throws {@link InvalidPlanException} listing every problem. */
  public MigrationPlan parseValid(String text) {
    MigrationPlan plan;
    try {
      plan = PlanLoader.parse(text);
    } catch (InvalidPlanException e) {
      throw new InvalidPlanException(withRuleProblems(e));
    }
    return requireValid(plan);
  }

  private List<PlanProblem> withRuleProblems(InvalidPlanException e) {
    List<PlanProblem> all = new ArrayList<>(e.problems());
    e.partial().ifPresent(plan -> {
      Set<String> reported = new HashSet<>();
      e.problems().forEach(p -> reported.add(p.field()));
      validate(plan).stream().filter(p -> !reported.contains(p.field())).forEach(all::add);
    });
    all.sort(PlanProblem.READING_ORDER);
    return all;
  }

  /** Throws {@link InvalidPlanException} listing every problem, if any. */
  public MigrationPlan requireValid(MigrationPlan plan) {
    List<PlanProblem> problems = validate(plan);
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return plan;
  }

  // Hibernate names list elements "clients[0].<list element>"; users need "clients[0]".
  private static String fieldPath(String path) {
    return path.replace(".<list element>", "").replace("<list element>", "");
  }

  private void checkClusters(MigrationPlan plan, List<PlanProblem> problems) {
    checkKnown("source", plan.source(), problems);
    checkKnown("target", plan.target(), problems);
    if (plan.source() != null && plan.source().equals(plan.target())) {
      problems.add(new PlanProblem("target", "must differ from source ('" + plan.source() + "')"));
    }
  }

  private void checkKnown(String field, String cluster, List<PlanProblem> problems) {
    if (cluster != null && cluster.length() > InputLimits.CLUSTER) {
      problems.add(new PlanProblem(field, InputLimits.problem(cluster, InputLimits.CLUSTER).orElseThrow()));
    } else if (cluster != null && !cluster.isBlank() && !knownClusters.contains(cluster)) {
      problems.add(
          new PlanProblem(
              field,
              "unknown cluster '" + cluster + "': configure it under clusters, known are " + sorted(knownClusters)));
    }
  }

  private static void checkTopics(MigrationPlan plan, List<PlanProblem> problems) {
    boolean hasList = plan.topics() != null && !plan.topics().isEmpty();
    boolean hasPattern = plan.topicPattern() != null && !plan.topicPattern().isBlank();
    if (hasList == hasPattern) {
      problems.add(new PlanProblem("topics", "give either a list of topics or a topicPattern, not both and not neither"));
    }
    if (hasList) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < plan.topics().size(); i++) {
        String topic = plan.topics().get(i);
        String field = "topics[" + i + "]";
        KafkaNames.topicNameProblem(topic).ifPresent(p -> problems.add(new PlanProblem(field, p)));
        if (topic != null && !seen.add(topic)) {
          problems.add(new PlanProblem(field, "topic '" + topic + "' is listed twice"));
        }
      }
    }
    if (hasPattern) {
      TopicPattern.problem(plan.topicPattern()).ifPresent(p -> problems.add(new PlanProblem("topicPattern", p)));
    }
  }

  private void checkGroupsAndClients(MigrationPlan plan, List<PlanProblem> problems) {
    Set<String> groups = new HashSet<>();
    for (int i = 0; i < plan.consumerGroups().size(); i++) {
      String group = plan.consumerGroups().get(i);
      if (group != null && group.length() > InputLimits.GROUP) {
        problems.add(new PlanProblem("consumerGroups[" + i + "]", InputLimits.problem(group, InputLimits.GROUP).orElseThrow()));
      } else if (group != null && !groups.add(group)) {
        problems.add(new PlanProblem("consumerGroups[" + i + "]", "group '" + group + "' is listed twice"));
      }
    }
    if (plan.clients() == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < plan.clients().size(); i++) {
      ClientGroup client = plan.clients().get(i);
      if (client == null) {
        continue;
      }
      String prefix = "clients[" + i + "]";
      if (client.name() != null && !names.add(client.name())) {
        problems.add(new PlanProblem(prefix + ".name", "client '" + client.name() + "' is listed twice"));
      }
      if (client.role() == ClientRole.CONSUMER) {
        if (client.consumerGroup() == null || client.consumerGroup().isBlank()) {
          problems.add(new PlanProblem(prefix + ".consumerGroup", "a consumer client must name its consumer group"));
        } else if (!groups.contains(client.consumerGroup())) {
          problems.add(
              new PlanProblem(
                  prefix + ".consumerGroup",
                  "group '" + client.consumerGroup() + "' is not in consumerGroups: add it there"));
        }
      } else if (client.role() == ClientRole.PRODUCER && client.consumerGroup() != null) {
        problems.add(new PlanProblem(prefix + ".consumerGroup", "a producer client has no consumer group: remove it"));
      }
    }
    if (plan.clientsWithRole(ClientRole.PRODUCER).isEmpty()) {
      problems.add(new PlanProblem("clients", "name at least one client with role producer"));
    }
    checkReplacements(plan, problems);
    checkStrategies(plan, problems);
    checkPrincipals(plan, problems);
  }

  /**
   * A principal as Kafka names it ({@code User:orders-api}); a transactional id only on a
   * producer, and one of the exact id or the prefix its instances share.
   */
  private static void checkPrincipals(MigrationPlan plan, List<PlanProblem> problems) {
    for (int i = 0; i < plan.clients().size(); i++) {
      ClientGroup c = plan.clients().get(i);
      if (c == null) {
        continue;
      }
      String prefix = "clients[" + i + "]";
      if (c.principal() != null) {
        principalProblem(c.principal()).ifPresent(p -> problems.add(new PlanProblem(prefix + ".principal", p)));
      }
      boolean transactional = c.transactionalId() != null || c.transactionalIdPrefix() != null;
      if (transactional && c.role() == ClientRole.CONSUMER) {
        problems.add(new PlanProblem(prefix + ".transactionalId", "a consumer has no transactional id: remove it (only a producer writes in transactions)"));
      } else if (c.transactionalId() != null && c.transactionalIdPrefix() != null) {
        problems.add(new PlanProblem(prefix + ".transactionalIdPrefix", "give transactionalId (one id) or transactionalIdPrefix (ids its instances share), not both"));
      }
      checkTransactionalId(prefix + ".transactionalId", c.transactionalId(), problems);
      checkTransactionalId(prefix + ".transactionalIdPrefix", c.transactionalIdPrefix(), problems);
      if (transactional && !c.hasPrincipal()) {
        problems.add(new PlanProblem(prefix + ".principal", "a transactional id is checked on the target for the client's principal: name it (principal: User:NAME)"));
      }
    }
  }

  private static void checkTransactionalId(String field, String id, List<PlanProblem> problems) {
    if (id == null) {
      return;
    }
    if (id.isBlank()) {
      problems.add(new PlanProblem(field, "must not be blank: remove it or name the id"));
    } else {
      InputLimits.problem(id, InputLimits.PRINCIPAL).ifPresent(p -> problems.add(new PlanProblem(field, p)));
    }
  }

  /** Why a principal is not one Kafka could authenticate, or empty. */
  static Optional<String> principalProblem(String principal) {
    Optional<String> limit = InputLimits.problem(principal, InputLimits.PRINCIPAL);
    if (limit.isPresent()) {
      return limit;
    }
    int colon = principal.indexOf(':');
    if (colon <= 0 || colon == principal.length() - 1 || principal.isBlank()) {
      return Optional.of("'" + principal + "' is not a Kafka principal: write TYPE:NAME, e.g. User:orders-api");
    }
    if (principal.substring(colon + 1).equals("*")) {
      return Optional.of("a client is one principal, not the wildcard User:*: name the one it authenticates as");
    }
    return Optional.empty();
  }

  /** How many distinct webhook hosts one validation looks up; the calls check every host anyway. */
  static final int WEBHOOK_HOSTS_LOOKED_UP = 20;

  /** A webhook client names an http(s) URL the worker may call; no other strategy takes one. */
  private void checkStrategies(MigrationPlan plan, List<PlanProblem> problems) {
    OutboundPolicy webhooks = this.webhooks.lookingUpAtMost(WEBHOOK_HOSTS_LOOKED_UP);
    for (int i = 0; i < plan.clients().size(); i++) {
      ClientGroup c = plan.clients().get(i);
      if (c == null) {
        continue;
      }
      String field = "clients[" + i + "].webhook";
      if (c.strategy() == RepointStrategy.WEBHOOK) {
        String url = c.webhook() == null ? null : c.webhook().url();
        if (url == null || url.isBlank()) {
          problems.add(new PlanProblem(field + ".url", "strategy webhook needs webhook: {url: https://...}"));
        } else if (url.length() > InputLimits.URL) {
          problems.add(new PlanProblem(field + ".url", InputLimits.problem(url, InputLimits.URL).orElseThrow()));
        } else if (!isHttpUrl(url)) {
          problems.add(new PlanProblem(field + ".url", "'" + url + "' is not an http(s) URL"));
        } else {
          webhooks.refusal(url).ifPresent(why -> problems.add(new PlanProblem(field + ".url", why)));
        }
      } else if (c.webhook() != null) {
        problems.add(new PlanProblem(field, "only strategy webhook takes a webhook: remove it or set strategy: webhook"));
      }
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Scheme production-later needs, for every consumer group, the old consumers and the new ones
   * that replace them on the target; the other schemes move a consumer client itself.
   */
  private static void checkReplacements(MigrationPlan plan, List<PlanProblem> problems) {
    boolean later = plan.scheme() == Scheme.PRODUCTION_LATER;
    Map<String, ClientGroup> byName = new HashMap<>();
    plan.clients().stream().filter(c -> c != null && c.name() != null).forEach(c -> byName.putIfAbsent(c.name(), c));
    Set<String> replacedGroups = new HashSet<>();
    for (int i = 0; i < plan.clients().size(); i++) {
      ClientGroup c = plan.clients().get(i);
      if (c == null || !c.isReplacement()) {
        continue;
      }
      String field = "clients[" + i + "].replaces";
      ClientGroup old = byName.get(c.replaces());
      if (!later) {
        problems.add(new PlanProblem(field, "only scheme production-later starts replacement consumers: remove it"));
      } else if (c.role() != ClientRole.CONSUMER) {
        problems.add(new PlanProblem(field, "only a consumer client replaces another"));
      } else if (old == null || old.role() != ClientRole.CONSUMER || old.isReplacement()) {
        problems.add(new PlanProblem(field, "'" + c.replaces() + "' is not an old consumer client of this plan"));
      } else if (!Objects.equals(old.consumerGroup(), c.consumerGroup())) {
        problems.add(new PlanProblem(field, "'" + c.replaces() + "' reads group " + old.consumerGroup() + ", this client " + c.consumerGroup()));
      } else {
        replacedGroups.add(c.consumerGroup());
      }
    }
    if (later) {
      for (int i = 0; i < plan.clients().size(); i++) {
        ClientGroup c = plan.clients().get(i);
        if (c != null && c.role() == ClientRole.CONSUMER && !c.isReplacement() && c.consumerGroup() != null
            && !replacedGroups.contains(c.consumerGroup())) {
          problems.add(new PlanProblem("clients[" + i + "]",
              "scheme production-later starts new consumers on the target beside '" + c.name()
                  + "': add a consumer client with replaces: " + c.name()));
        }
      }
    }
  }

  /**
   * Scheme mirror-then-switch cannot run without the mirror: its consumers move before the
   * source is empty and resume at translated offsets. Mirrored topics keep their names, so they
   * must be legal topic names and, when the plan lists its topics, among them. Producers and
   * consumer groups are checked by the rules every scheme shares.
   */
  private static void checkMirror(MigrationPlan plan, List<PlanProblem> problems) {
    MirrorSettings mirror = plan.mirror();
    if (plan.scheme() == Scheme.MIRROR_THEN_SWITCH) {
      if (!mirror.isEnabled()) {
        problems.add(new PlanProblem("mirror.enabled",
            "mirror-then-switch copies the stored messages with MirrorMaker 2: set it true, or choose production-first"));
      } else if (!mirror.syncsGroupOffsets() && !plan.consumerGroups().isEmpty()) {
        problems.add(new PlanProblem("mirror.syncGroupOffsets",
            "mirror-then-switch starts the consumer groups on the target at their translated offsets: set it true"));
      }
      if (!mirror.mirrorsAllTopics()) {
        problems.add(new PlanProblem("mirror.topics",
            "mirror-then-switch mirrors every topic of the plan (its consumers read them all on the target): remove mirror.topics"));
      }
    } else if (plan.scheme() == Scheme.PRODUCTION_LATER && mirror.isEnabled()) {
      problems.add(new PlanProblem("mirror.enabled",
          "production-later's new consumers would read the mirrored history again beside the old ones: "
              + "choose production-first or mirror-then-switch to mirror, or remove mirror"));
    }
    Set<String> planTopics = plan.topics() == null || plan.topics().isEmpty() ? null : new HashSet<>(plan.topics());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < mirror.topics().size(); i++) {
      String topic = mirror.topics().get(i);
      String field = "mirror.topics[" + i + "]";
      Optional<String> illegal = KafkaNames.topicNameProblem(topic);
      if (illegal.isPresent()) {
        problems.add(new PlanProblem(field, illegal.get()));
      } else if (!seen.add(topic)) {
        problems.add(new PlanProblem(field, "topic '" + topic + "' is listed twice"));
      } else if (planTopics != null && !planTopics.contains(topic)) {
        problems.add(new PlanProblem(field,
            "topic '" + topic + "' is not one of the plan's topics " + plan.topics() + ": add it to topics or remove it here"));
      }
    }
  }

  private static void checkWaits(Waits waits, List<PlanProblem> problems) {
    positive("waits.pollInterval", waits.pollInterval(), problems);
    positive("waits.stableFor", waits.stableFor(), problems);
    positive("waits.maxWait", waits.maxWait(), problems);
    positive("waits.stallAfter", waits.stallAfter(), problems);
    if (isPositive(waits.pollInterval()) && isPositive(waits.stableFor())
        && waits.stableFor().compareTo(waits.pollInterval()) < 0) {
      problems.add(new PlanProblem("waits.stableFor", "must be at least waits.pollInterval (" + waits.pollInterval() + ")"));
    }
    if (isPositive(waits.pollInterval()) && isPositive(waits.stallAfter())
        && waits.stallAfter().compareTo(waits.pollInterval().multipliedBy(2)) < 0) {
      problems.add(new PlanProblem("waits.stallAfter", "must be at least two poll intervals (" + waits.pollInterval().multipliedBy(2) + ")"));
    }
  }

  private static void checkGates(Gates gates, List<PlanProblem> problems) {
    GateConfig[] configs = {gates.producerCutover(), gates.consumerCutover(), gates.stopOldConsumers()};
    String[] names = {GateName.PRODUCER_CUTOVER, GateName.CONSUMER_CUTOVER, GateName.STOP_OLD_CONSUMERS};
    for (int i = 0; i < configs.length; i++) {
      if (configs[i].timeout() != null) {
        positive("gates." + names[i] + ".timeout", configs[i].timeout(), problems);
      }
    }
    for (String late : List.of(GateName.CONSUMER_CUTOVER, GateName.STOP_OLD_CONSUMERS)) {
      if (gates.forGate(late).onTimeout() == GateTimeoutAction.ABORT) {
        problems.add(
            new PlanProblem(
                "gates." + late + ".onTimeout",
                "abort is not allowed after producers moved (it would strand them on the target): use keep-waiting"));
      }
    }
  }

  /**
   * The plan as it crosses Temporal (the workflow's input) and as the store keeps it: JSON, at most
   * {@link PlanLoader#MAX_BYTES}, like its text. Short names in YAML's flow style can grow by half
   * in JSON's quotes.
   */
  private static void checkSize(MigrationPlan plan, List<PlanProblem> problems) {
    try {
      int bytes = PlanLoader.json().writeValueAsBytes(plan).length;
      if (bytes > PlanLoader.MAX_BYTES) {
        problems.add(new PlanProblem("(plan)", String.format(
            "the plan is %,d bytes as JSON, more than %d KiB: split the migration", bytes, PlanLoader.MAX_BYTES / 1024)));
      }
    } catch (JsonProcessingException e) {
      problems.add(new PlanProblem("(plan)", "cannot be written as JSON: " + e.getOriginalMessage()));
    }
  }

  private static void positive(String field, Duration d, List<PlanProblem> problems) {
    if (!isPositive(d)) {
      problems.add(new PlanProblem(field, "must be a positive duration, e.g. 30s"));
    } else if (d.compareTo(MAX_DURATION) > 0) {
      problems.add(new PlanProblem(field, "must be at most " + MAX_DURATION.toDays() + "d"));
    }
  }

  private static boolean isPositive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
