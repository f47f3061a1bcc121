package io.kmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.localstack.LocalKafkaCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whatever way the kmigrate process ends, the brokers it started end with it. */
class LocalStackOwnershipTest {
  /** A stand-in kmigrate process: starts one local broker, prints its pid, waits to be killed. */
  public static void main(String[] args) throws Exception {
    LocalKafkaCluster broker = LocalKafkaCluster.launch("owned", 0, Path.of(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    broker.awaitReady();
    System.out.println("broker-pid " + broker.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  static long startParentAndReadBrokerPid(Process parent) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("broker-pid ")) {
        return Long.parseLong(line.substring("broker-pid ".length()).trim());
      }
    }
    throw new AssertionError("the parent exited before starting its broker");
  }

  static Process parent() throws Exception {
    Path dir = Files.createTempDirectory("kmigrate-owned");
    return new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            LocalStackOwnershipTest.class.getName(), dir.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  static boolean diesWithin(long pid, long seconds) throws Exception {
    var handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return true;
    }
    try {
      handle.get().onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      handle.get().destroyForcibly();
      return false;
    }
  }

  @Test
  void aBrokerDiesWhenItsParentIsKilledWithoutAChanceToCleanUp() throws Exception {
    Process parent = parent();
    long broker = startParentAndReadBrokerPid(parent);

    parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

    assertThat(diesWithin(broker, 15)).as("broker %d outlived its SIGKILLed parent", broker).isTrue();
  }

  @Test
  void aBrokerIsStoppedWhenItsParentIsInterruptedLikeCtrlC() throws Exception {
    Process parent = parent();
    long broker = startParentAndReadBrokerPid(parent);

    parent.destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run

    assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(diesWithin(broker, 15)).as("broker %d outlived its parent", broker).isTrue();
  }
}
