package io.kmigrate.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;

/**
 * What `kmigrate demo --report` writes. Fields are added over time, never renamed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoReport(
    String scheme,
    String workflowId,
    String status,
    long produced,
    long consumed,
    long lost,
    long duplicates,
    long outOfOrder,
    long producerPauseMsMax,
    long durationMs,
    JsonNode steps,
    JsonNode decisions,
    String abortedAfter,
    JsonNode rollback,
    Webhooks webhooks,
    Mirror mirror,
    SideEffects sideEffects,
    SideEffects expectedSideEffects,
    List<WorkerChaos.Kill> workerKills,
    String workerLog,
    CutoverPause cutoverPause,
    Transactions transactions,
    Security security) {

  /**
   * With {@code --secure}: the ACLs the migration copied to the target (created, found there
   * already, target-only DENY bindings left alone), and the principals whose login on the target
   * was checked and the ones without a SCRAM credential there.
   */
  public record Security(Acls acls, Principals principals) {
    public record Acls(int copied, int alreadyThere, int conflicts) {}

    public record Principals(int checked, List<String> missing) {}

    /** The source's ACLs arrived (now or by an earlier run) and every application can log in. */
    boolean held() {
      return acls.copied() + acls.alreadyThere() > 0 && principals.missing().isEmpty();
    }
  }

  /**
   * With {@code --transactional}: records written in transactions that were then aborted, and how
   * many of them a consumer read (a read_committed consumer never may).
   */
  public record Transactions(long abortedRecords, long abortedConsumed) {}

  /**
   * The producers' pauses across their route changes, one per producer instance and change: the
   * longest gap between two of its acknowledgments from the start of its move (after its spread
   * wait, during which it sends to the old cluster as before; the new producer's warm-up included)
   * to its first acknowledgment after the move, and how long it held sends (the old producer's
   * flush and the handover). {@code sinceRouteP99Ms} counts each from the change reaching the
   * instance instead, its spread wait included.
   */
  public record CutoverPause(int producers, int ratePerSec, List<SendGaps.Cutover> cutovers,
      long p50Ms, long p99Ms, long maxMs, long heldMsMax, long sinceRouteP99Ms) {
    public static CutoverPause of(int producers, int ratePerSec, List<SendGaps.Cutover> cutovers) {
      List<SendGaps.Cutover> sorted = cutovers.stream().sorted(Comparator.comparingLong(SendGaps.Cutover::pauseMs)).toList();
      List<Long> pauses = sorted.stream().map(SendGaps.Cutover::pauseMs).toList();
      List<Long> sinceRoute = cutovers.stream().map(SendGaps.Cutover::sinceRouteMs).sorted().toList();
      return new CutoverPause(producers, ratePerSec, sorted, rank(pauses, 50), rank(pauses, 99), rank(pauses, 100),
          sorted.stream().mapToLong(SendGaps.Cutover::heldMs).max().orElse(0), rank(sinceRoute, 99));
    }

    /** Nearest rank of ascending values; 0 without samples. */
    private static long rank(List<Long> ascending, int percent) {
      return ascending.isEmpty() ? 0 : ascending.get(Math.max(0, (int) Math.ceil(percent / 100.0 * ascending.size()) - 1));
    }
  }

  /**
   * Scheme mirror-then-switch: the copy verified up to the source's last record (record counts
   * and checksums), its rate while catching up (from starting MirrorMaker 2, Connect's start-up
   * included), the producers' fence, the groups' offset translation, and how many group-partitions
   * resumed at an offset the records proved exact ({@code "N of N group-partitions"}).
   */
  public record Mirror(
      long sourceRecords, long targetRecords, boolean checksumsMatch, long bytesCopied, long recordsPerSec,
      long fenceMs, String groupsTranslated, String offsetsExact) {
    /** Every group-partition resumed exactly: nothing may have been read twice. */
    boolean allOffsetsExact() {
      if (offsetsExact == null) {
        return false;
      }
      String[] parts = offsetsExact.split(" ");
      return parts.length > 2 && parts[0].equals(parts[2]);
    }
  }

  /** With {@code --strategy webhook}: calls the demo's deploy system got, changes it applied, bad signatures. */
  public record Webhooks(int deliveries, int applied, int badSignatures) {}

  /**
   * The scheme's promises: completed and nothing lost; production-first and mirror-then-switch
   * also keep per-key order (production-later does not promise it while old and new consumers
   * overlap), and mirror-then-switch's copy equals the source. An aborted
   * demo must have rolled back with producers verified on the source, and miss exactly the
   * records the rollback reported stranded on the target. A run with a killed worker must also
   * have killed it at least three times and counted the same side effects as a run without. A
   * secured run must have carried the source's ACLs over, with every application able to log in.
   */
  public boolean promisesHeld() {
    if (abortedAfter != null) {
      return "ABORTED".equals(status) && rollback != null && rollback.path("producersBack").asBoolean()
          && lost == rollback.path("strandedTotal").asLong(-1);
    }
    boolean copied = mirror == null || (mirror.checksumsMatch() && mirror.sourceRecords() == mirror.targetRecords());
    // Offsets handed over exactly: the consumers read nothing twice.
    boolean exactly = mirror == null || !mirror.allOffsetsExact() || duplicates == 0;
    boolean mirrored = !"mirror-then-switch".equals(scheme) || mirror != null;
    // With --chaos: at least three kills, and every side effect done exactly as often as without faults.
    boolean survived = workerKills == null || (workerKills.size() >= 3 && sideEffects != null && sideEffects.equals(expectedSideEffects));
    boolean committedOnly = transactions == null || transactions.abortedConsumed() == 0;
    boolean secured = security == null || security.held();
    return "COMPLETED".equals(status) && lost == 0 && ("production-later".equals(scheme) || outOfOrder == 0) && mirrored && copied
        && exactly && survived && committedOnly && secured;
  }
}
