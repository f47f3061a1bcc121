package io.kmigrate.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.kmigrate.config.InputLimits;
import io.kmigrate.config.InvalidPlanException;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.config.PlanProblem;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.config.outbound.OwnPorts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code kmigrate plan validate FILE [-c config.yml]}: prints every problem as
 * {@code field: message}, one per line, and exits 1; prints a summary and exits 0 when valid.
 */
public class PlanCommand extends Command {
  private final PrintStream out;

  public PlanCommand() {
    this(System.out);
  }

  public PlanCommand(PrintStream out) {
    super("plan", "Work with migration plans: 'plan validate FILE' checks a plan without starting anything");
    this.out = out;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("action").choices("validate").help("what to do with the plan");
    subparser.addArgument("file").help("the plan, YAML or JSON");
    subparser.addArgument("-c", "--config")
        .dest("config")
        .help("server/worker configuration whose clusters the plan may name (default: the embedded source and target)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    Path file = Path.of(namespace.getString("file"));
    List<PlanProblem> problems;
    MigrationPlan plan = null;
    WorkerView worker = WorkerView.read(namespace.getString("config"));
    PlanValidator validator = new PlanValidator(worker.clusters(), worker.webhooks());
    try {
      String text = PlanLoader.text(file);
      problems = validator.validate(text);
      if (problems.isEmpty()) {
        plan = PlanLoader.parse(text);
      }
    } catch (NoSuchFileException e) {
      problems = List.of(new PlanProblem("(file)", "no such file: " + file));
    } catch (InvalidPlanException e) {
      problems = e.problems();
    }
    if (!problems.isEmpty()) {
      problems.stream().limit(InputLimits.PROBLEMS_LISTED).forEach(p -> out.println(p.field() + ": " + p.message()));
      if (problems.size() > InputLimits.PROBLEMS_LISTED) {
        out.printf("... and %,d more problem(s)%n", problems.size() - InputLimits.PROBLEMS_LISTED);
      }
      throw new PlanRejected(problems.size());
    }
    out.printf("plan %s is valid: scheme %s, %s -> %s, %s, %d consumer group(s), %d client group(s)%n",
        plan.name(), plan.scheme().id(), plan.source(), plan.target(),
        plan.topics() != null ? plan.topics().size() + " topic(s)" : "topics matching " + plan.topicPattern(),
        plan.consumerGroups().size(), plan.clients().size());
  }

  /**
   * What a plan is checked against: the clusters and webhook destinations of a server/worker
   * configuration, or of the embedded default (clusters source and target, no webhook allowed).
   */
  record WorkerView(Set<String> clusters, OutboundPolicy webhooks) {
    static WorkerView read(String config) throws IOException {
      if (config == null) {
        return new WorkerView(Set.of("source", "target"), OutboundPolicy.none("webhooks"));
      }
      if (!Files.isReadable(Path.of(config))) {
        throw new IllegalArgumentException("--config: no such file: " + config);
      }
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of(config)));
      Set<String> names = new HashSet<>();
      tree.path("clusters").fieldNames().forEachRemaining(names::add);
      JsonNode webhooks = tree.path("webhooks");
      try {
        return new WorkerView(names.isEmpty() ? Set.of("source", "target") : names,
            OutboundPolicy.of("webhooks", texts(webhooks.path("allowedUrls")), texts(webhooks.path("allowedNetworks")), new OwnPorts()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--config " + config + ": " + e.getMessage());
      }
    }

    private static List<String> texts(JsonNode list) {
      List<String> out = new ArrayList<>();
      list.forEach(n -> out.add(n.asText()));
      return out;
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (!(e instanceof PlanRejected)) {
      cli.getStdErr().println(e.getMessage());
    }
  }

  /** Exit code 1: the plan has problems (already printed). */
  static final class PlanRejected extends RuntimeException {
    PlanRejected(int count) {
      super(count + " problem(s)");
    }
  }
}
