package io.kmigrate.api.discover;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.kmigrate.activities.discover.Inventory;
import io.kmigrate.activities.discover.MigrationUnit;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.api.cli.StartupErrors;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.config.DurationText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

/**
 * {@code kmigrate discover [config.yml] --cluster NAME [--topics REGEX] [--target NAME] [--out DIR]}:
 * reads who reads what on a cluster, through Admin only, splits it into migration units, and
 * writes one plan per unit, {@code summary.md}, {@code graph.mmd} and {@code inventory.json}.
 */
public class DiscoverCommand extends ConfiguredCommand<KmigrateConfiguration> {
  private final PrintStream out;
  private final PrintStream err;

  public DiscoverCommand() {
    this(System.out, System.err);
  }

  public DiscoverCommand(PrintStream out, PrintStream err) {
    super("discover", "Read a cluster's topics, consumer groups and producers (Admin only) and write one migration plan per unit that must move together");
    this.out = out;
    this.err = err;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--cluster").setDefault("source").help("the configuration's cluster to read (default: source)");
    subparser.addArgument("--bootstrap-server").dest("bootstrap")
        .help("read this address instead of the configuration's cluster (plaintext; --cluster still names it in the plans)");
    subparser.addArgument("--target").setDefault("target").help("the cluster the plans move to (default: target)");
    subparser.addArgument("--topics").help("only topics whose whole name matches this regular expression (default: all)");
    subparser.addArgument("--idle-after").dest("idleAfter").setDefault("7d")
        .help("a topic not written for this long is reported idle (default: 7d)");
    subparser.addArgument("--out").help("the directory to write to, new or empty (default: discovered-CLUSTER)");
  }

  @Override
  protected void run(Bootstrap<KmigrateConfiguration> bootstrap, Namespace namespace, KmigrateConfiguration config) throws Exception {
    String cluster = namespace.getString("cluster");
    String target = namespace.getString("target");
    Pattern topics = pattern(namespace.getString("topics"));
    Duration idleAfter = duration(namespace.getString("idleAfter"));
    Path dir = Path.of(namespace.getString("out") != null ? namespace.getString("out") : "discovered-" + cluster);
    requireEmpty(dir);
    ClusterConfig source = clusterConfig(config, cluster, namespace.getString("bootstrap"));
    quietKafkaClients();

    Discovery.Result found;
    try (Clusters clusters = new Clusters(Map.of(cluster, source), SecretResolver.fromEnvironment())) {
      found = Discovery.draft(clusters.admin(cluster), cluster, target, topics, idleAfter, dir, line -> err.println("discover: " + line));
    }
    found.needsPerson().forEach(out::println);
    Inventory inventory = found.inventory();
    List<MigrationUnit> units = found.units();
    out.printf("%d migration unit(s) from %d topic(s) and %d consumer group(s) on %s, written to %s:%n",
        units.size(), inventory.topics().size(), inventory.groups().size(), cluster, dir);
    for (MigrationUnit u : units) {
      out.printf("  %-40s %3d topic(s) %3d group(s)  %s%n", u.name(), u.topics().size(), u.groups().size(),
          dir.resolve(u.name() + ".yaml"));
    }
    out.println("Read " + dir.resolve("summary.md") + " first; the graph is " + dir.resolve("graph.mmd") + "; run them all with "
        + "./kmigrate campaigns start " + dir.resolve("campaign.yaml") + ".");
  }

  /**
   * discover prints its own progress; the Kafka clients' INFO lines (a whole config dump per Admin
   * client) would bury it. A level the configuration sets for them stands.
   */
  private static void quietKafkaClients() {
    if (LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger kafka && kafka.getLevel() == null) {
      kafka.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private static Pattern pattern(String regex) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--topics: '" + regex + "' is not a regular expression: " + e.getDescription());
    }
  }

  private static Duration duration(String text) {
    try {
      return DurationText.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--idle-after: '" + text + "' is not a duration: write e.g. 7d, 12h or 30m");
    }
  }

  private static void requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("--out: " + dir + " is not empty: name a new directory, or empty this one");
        }
      }
    } else if (Files.exists(dir)) {
      throw new IllegalArgumentException("--out: " + dir + " is a file: name a new directory");
    }
  }

  private static ClusterConfig clusterConfig(KmigrateConfiguration config, String cluster, String bootstrap) {
    if (bootstrap != null) {
      return new ClusterConfig(bootstrap, Map.of());
    }
    Map<String, ClusterConfig> clusters = config.workerSettings().clusters();
    ClusterConfig c = clusters.get(cluster);
    if (c == null) {
      throw new IllegalArgumentException("--cluster " + cluster + ": "
          + (clusters.isEmpty() ? "the configuration names no clusters" : "not one of the configuration's clusters " + clusters.keySet())
          + ": give the configuration file that names it, or --bootstrap-server HOST:PORT");
    }
    return c;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(StartupErrors.oneLine("discover", e));
  }
}
