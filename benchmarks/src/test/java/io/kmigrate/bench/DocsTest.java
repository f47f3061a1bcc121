package io.kmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.api.cli.PlanCommand;
import io.kmigrate.cli.KmigrateCli;
import io.kmigrate.demo.DemoApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation stays true where that is cheap to check: every plan it shows (and every one in
 * {@code config/examples/}) passes {@code plan validate} against the shipped configuration, every
 * relative link leads to a file (and a heading, for an anchor), and every {@code ./kmigrate}
 * command it shows is one the launcher runs.
 */
class DocsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
  static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  static final Pattern COMMAND = Pattern.compile("\\./kmigrate(?: +([a-z][\\w-]*))?(?: +([A-Za-z][\\w-]*))?");

  @TempDir Path dir;

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("BENCHMARKS.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** A plan shown whole: a YAML or JSON block with a name and a scheme at its top level. */
  static List<String> plansIn(String markdown) {
    List<String> plans = new ArrayList<>();
    Matcher m = FENCE.matcher(markdown);
    while (m.find()) {
      String body = m.group(2);
      boolean yaml = m.group(1).matches("ya?ml") && body.contains("\nscheme:") && body.startsWith("name:");
      boolean json = m.group(1).equals("json") && body.contains("\"scheme\"");
      if (yaml || json) {
        plans.add(body);
      }
    }
    return plans;
  }

  @Test
  void everyPlanTheDocsShowAndEveryExamplePassesPlanValidate() throws Exception {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path page : pages()) {
      for (String plan : plansIn(Files.readString(page))) {
        validate(page.getFileName() + " plan " + checked.size(), plan, failures);
        checked.add(page.getFileName().toString());
      }
    }
    try (Stream<Path> examples = Files.list(ROOT.resolve("config/examples"))) {
      for (Path example : examples.sorted().toList()) {
        validate(example.getFileName().toString(), Files.readString(example), failures);
        checked.add(example.getFileName().toString());
      }
    }

    assertThat(checked).as("plans found").contains("plan.md", "production-first.yaml");
    assertThat(failures).isEmpty();
  }

  private void validate(String what, String plan, List<String> failures) throws IOException {
    Path file = Files.writeString(dir.resolve("plan-" + failures.size() + "-" + Math.abs(what.hashCode()) + ".yaml"), plan);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(new DemoApplication());
    bootstrap.addCommand(new PlanCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
    Optional<Throwable> failed = new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(out, true))
        .run("plan", "validate", file.toString(), "-c", ROOT.resolve("config/kmigrate.yml").toString());
    if (failed.isPresent()) {
      failures.add(what + ": " + out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndItsAnchorToAHeading() throws Exception {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path page : pages()) {
      Matcher m = LINK.matcher(withoutCode(Files.readString(page)));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        links++;
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no file " + ROOT.relativize(resolved) + ")");
        } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(Files.readString(resolved)).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no heading #" + anchor + " in " + ROOT.relativize(resolved) + ")");
        }
      }
    }

    assertThat(links).as("relative links found").isGreaterThan(20);
    assertThat(broken).isEmpty();
  }

  /** GitHub's anchors: a heading lower-cased, punctuation but '-' and '_' dropped, spaces made '-'. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    for (String line : withoutCode(markdown).split("\n")) {
      if (line.matches("^#{1,6} .*")) {
        String text = line.replaceFirst("^#+ ", "").replace("`", "").toLowerCase(Locale.ROOT);
        anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static String withoutCode(String markdown) {
    return FENCE.matcher(markdown).replaceAll("");
  }

  @Test
  void everyKmigrateCommandTheDocsShowIsOneTheLauncherRuns() throws Exception {
    Set<String> commands = commands();
    Map<String, Set<String>> client = KmigrateCli.commands();
    Set<String> kafkaTools = kafkaTools();
    List<String> unknown = new ArrayList<>();
    int shown = 0;
    for (Path page : pages()) {
      Matcher m = COMMAND.matcher(Files.readString(page));
      while (m.find()) {
        String command = m.group(1);
        if (command == null) {
          continue; // the launcher itself, e.g. "./kmigrate at the root"
        }
        shown++;
        // "bench NAME" stands for any benchmark; a named one must exist. "migrations VERB" must be
        // one of the client's; "kafka TOOL" stands for any of Kafka's tools the launcher maps, a named one must be one.
        boolean known = switch (command) {
          case "bench" -> "NAME".equals(m.group(2)) || BenchMain.names().contains(m.group(2));
          case "kafka" -> "TOOL".equals(m.group(2)) || kafkaTools.contains(m.group(2));
          default -> commands.contains(command) || (client.containsKey(command)
              && (client.get(command).isEmpty() || m.group(2) == null || client.get(command).contains(m.group(2))));
        };
        if (!known) {
          unknown.add(ROOT.relativize(page) + ": " + m.group());
        }
      }
    }

    assertThat(commands).contains("server", "worker", "demo", "plan", "db");
    assertThat(client).containsKeys("migrations", "approve", "reject", "abort");
    assertThat(kafkaTools).contains("topics", "consumer-groups", "producer-perf-test");
    assertThat(shown).as("commands found").isGreaterThan(20);
    assertThat(unknown).isEmpty();
  }

  /** The Kafka tools the launcher runs as {@code ./kmigrate kafka TOOL}: its {@code TOOL) kafka_tool=CLASS} lines. */
  static Set<String> kafkaTools() throws Exception {
    Matcher tools = Pattern.compile("(?m)^\\s+([a-z-]+)\\) kafka_tool=").matcher(Files.readString(ROOT.resolve("kmigrate")));
    Set<String> names = new LinkedHashSet<>();
    while (tools.find()) {
      names.add(tools.group(1));
    }
    return names;
  }

  /**
   * The commands {@code ./kmigrate --help} lists, as the launcher runs it (the demo jar's
   * application, which has every one), plus the launcher's own {@code bench} and {@code help}.
   */
  static Set<String> commands() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      new DemoApplication().run("-h");
    } finally {
      System.setOut(stdout);
    }
    Matcher listed = Pattern.compile("\\{([a-z,-]+)}").matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(listed.find()).as("the help lists its commands: " + out).isTrue();
    Set<String> commands = new LinkedHashSet<>(List.of("bench", "help"));
    commands.addAll(List.of(listed.group(1).split(",")));
    return commands;
  }
}
