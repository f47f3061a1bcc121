package io.kmigrate.cli;

import io.kmigrate.cli.api.ApiFailure;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kmigrate migrations|approve|reject|abort}: the REST API's command-line client. Errors are
 * one line on standard error and an {@link ExitCode}; the launcher runs this jar for these commands.
 */
@Command(name = "kmigrate", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = KmigrateCli.Version.class,
    description = "The command-line client of a running kmigrate server (./kmigrate server).",
    subcommands = {MigrationsCommand.class, ApproveCommand.class, RejectCommand.class, AbortCommand.class, CampaignsCommand.class},
    footer = {"%nThe API is at --api URL, else $KMIGRATE_API, else http://127.0.0.1:8080. With auth on, the token is read "
        + "from $KMIGRATE_TOKEN only (never from an argument, which every process listing shows).",
        "%nExit codes:%n%s"})
public final class KmigrateCli {
  private KmigrateCli() {}

  public static void main(String[] args) {
    System.exit(run(Session.ofProcess(), args));
  }

  /** Runs one command line in {@code session}; the exit code. */
  public static int run(Session session, String... args) {
    CommandLine cli = new CommandLine(KmigrateCli.class, new SessionFactory(session))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new java.io.PrintWriter(session.out(), true))
        .setErr(new java.io.PrintWriter(session.err(), true))
        .setExecutionExceptionHandler((e, line, parsed) -> {
          if (e instanceof ApiFailure f) {
            session.err().println(f.getMessage());
            return f.exitCode().code();
          }
          if (e instanceof InterruptedException) {
            return ExitCode.UNAVAILABLE.code();
          }
          throw e;
        });
    cli.getCommandSpec().usageMessage().footer(String.format(String.join("%n", cli.getCommandSpec().usageMessage().footer()),
        ExitCode.table()).split("\\R", -1));
    return cli.execute(args);
  }

  /** The commands this client runs, each with its subcommands (none for approve, reject, abort): the docs' check reads them. */
  public static Map<String, Set<String>> commands() {
    CommandLine cli = new CommandLine(KmigrateCli.class, new SessionFactory(Session.ofProcess()));
    Map<String, Set<String>> out = new TreeMap<>();
    cli.getSubcommands().forEach((name, sub) -> out.put(name, new TreeSet<>(sub.getSubcommands().keySet())));
    return out;
  }

  /** Commands get the session through their constructor; everything else as picocli makes it. */
  private record SessionFactory(Session session) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> withSession = cls.getDeclaredConstructor(Session.class);
        return withSession.newInstance(session);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = KmigrateCli.class.getPackage().getImplementationVersion();
      return new String[] {"kmigrate " + (v == null ? "(development build)" : v)};
    }
  }
}
