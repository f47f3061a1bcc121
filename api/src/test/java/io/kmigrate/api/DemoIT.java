package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo as a user runs it: the packaged jar, two real local clusters, the workflow, the sample
 * application. Passes only when the report proves nothing was lost or reordered.
 */
class DemoIT {
  @Test
  void theDemoMovesTheSampleAppWithNothingLostAndOrderKept() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path report = target.resolve("demo-report.json");
    Path log = target.resolve("demo-it.log");
    Files.deleteIfExists(report);
    List<String> cmd = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", target.resolve("kmigrate.jar").toString(),
        "demo", "--report", report.toString(), "--temporal-port", "0", "--data-dir", target.resolve("demo-data").toString());
    Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("demo finished within 5 minutes, see " + log).isTrue();
      assertThat(demo.exitValue()).as("exit code, see " + log).isZero();
    } finally {
      demo.destroyForcibly();
      demo.waitFor(30, TimeUnit.SECONDS);
    }
    JsonNode r = new ObjectMapper().readTree(report.toFile());
    System.out.println("demo report: " + r);
    assertThat(r.path("scheme").asText()).isEqualTo("production-first");
    assertThat(r.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(r.path("produced").asLong()).isPositive();
    assertThat(r.path("lost").asLong()).isZero();
    assertThat(r.path("outOfOrder").asLong()).isZero();
    assertThat(r.path("consumed").asLong()).isGreaterThanOrEqualTo(r.path("produced").asLong());
    assertThat(r.path("steps").findValuesAsText("name"))
        .containsSubsequence("preflight", "prepare-target", "repoint-producers", "verify-producers", "drain-source",
            "repoint-consumers", "verify-consumers");
    assertThat(Files.readString(log)).contains("result: COMPLETED");
  }
}
