package io.kmigrate.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A child JVM on this process's classpath, its output in a file, its logback configured to WARN
 * into a file of its own. It watches this process and halts when it is gone (see
 * {@link #haltWithParent()}), so not even a killed parent leaves it behind; {@link #close()} stops
 * it and waits.
 */
public final class ChildJvm implements AutoCloseable {
  /** System property naming the parent's pid, read by {@link #haltWithParent()}. */
  public static final String PARENT_PID = "kmigrate.parent.pid";

  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /**
   * @param dir where {@code logback.xml}, {@code logName} (its log) and {@code outName} (stdout and stderr) go
   */
  public static ChildJvm start(Path dir, String logName, String outName, String maxHeap, List<String> mainAndArgs) throws IOException {
    return start(dir, logName, outName, false, maxHeap, List.of(), mainAndArgs);
  }

  /**
   * As above; with {@code appendOut}, a restarted child adds to the same output file.
   *
   * @param jvmOptions added after the defaults, so they can override them (e.g. a GC log, JIT tiers)
   */
  public static ChildJvm start(
      Path dir, String logName, String outName, boolean appendOut, String maxHeap, List<String> jvmOptions, List<String> mainAndArgs)
      throws IOException {
    Files.writeString(
        dir.resolve("logback.xml"),
        "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\"><file>"
            + dir.resolve(logName) + "</file><encoder><pattern>%d %-5level %logger{30} - %msg%n</pattern></encoder>"
            + "</appender><root level=\"WARN\"><appender-ref ref=\"F\"/></root></configuration>");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(
        "-Xms64m", "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
        "-D" + PARENT_PID + "=" + ProcessHandle.current().pid(),
        "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dlog4j2.level=WARN"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", absoluteClassPath()));
    cmd.addAll(mainAndArgs);
    File out = dir.resolve(outName).toFile();
    return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(appendOut ? ProcessBuilder.Redirect.appendTo(out) : ProcessBuilder.Redirect.to(out)).start());
  }

  /** Called first in a child's main: halt the moment the parent exits (or if it already has). */
  public static void haltWithParent() {
    long parent = Long.parseLong(System.getProperty(PARENT_PID, "-1"));
    ProcessHandle.of(parent)
        .ifPresentOrElse(
            p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
            () -> Runtime.getRuntime().halt(0));
  }

  /** In a main that may run as a child or alone: halt with the parent only when started as a child. */
  public static void haltWithParentIfChild() {
    if (System.getProperty(PARENT_PID) != null) {
      haltWithParent();
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL, no goodbye: what a crashed host or an OOM killer does. Waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of a log, for a failure message. */
  public static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no " + file.getFileName() + ")";
    }
  }

  /** Waits between polls of a child that is starting; an interrupt ends the wait with an exception. */
  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String absoluteClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
