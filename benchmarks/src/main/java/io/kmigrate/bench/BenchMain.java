package io.kmigrate.bench;

import io.kmigrate.bench.concurrent.CampaignBench;
import io.kmigrate.bench.concurrent.ConcurrentBench;
import io.kmigrate.bench.discover.DiscoverBench;
import io.kmigrate.bench.history.HistoryBench;
import io.kmigrate.bench.lag.LagBench;
import io.kmigrate.bench.mirror.HandoverBench;
import io.kmigrate.bench.mirror.MirrorBench;
import io.kmigrate.bench.routes.RoutesBench;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * {@code ./kmigrate bench NAME [options]}: runs one benchmark, which prints its figures and ends
 * with one summary line. Exit code 0: it ran and its correctness checks held (a missed target
 * is reported, not an error); 1: a check failed; 2: a bad command line.
 */
public final class BenchMain {
  private record Bench(String usage, Set<String> options, Set<String> flags, ToIntFunction<BenchArgs> run) {}

  private static final Map<String, Bench> BENCHES = new LinkedHashMap<>();

  static {
    BENCHES.put("history", new Bench("[--wait 72h] [--poll 10s] [--smoke]", HistoryBench.OPTIONS, HistoryBench.FLAGS, HistoryBench::run));
    BENCHES.put("lag", new Bench("[--groups 200] [--partitions 500] [--runs 5] [--smoke]", LagBench.OPTIONS, LagBench.FLAGS, LagBench::run));
    BENCHES.put("concurrent", new Bench("[--migrations 100] [--worker-heap 1g] [--smoke]", ConcurrentBench.OPTIONS, ConcurrentBench.FLAGS, ConcurrentBench::run));
    BENCHES.put("campaign", new Bench("[--units 50] [--worker-heap 1g] [--smoke]", CampaignBench.OPTIONS, CampaignBench.FLAGS, CampaignBench::run));
    BENCHES.put("mirror", new Bench("[--records 1000000] [--rounds 3] [--warmups 1] [--partitions 8] [--value-bytes 300] [--smoke]", MirrorBench.OPTIONS, MirrorBench.FLAGS, MirrorBench::run));
    BENCHES.put("discover", new Bench("[--topics 1000] [--groups 500] [--runs 3] [--smoke]", DiscoverBench.OPTIONS, DiscoverBench.FLAGS, DiscoverBench::run));
    BENCHES.put("routes", new Bench("[--watchers 1000] [--idle 60s] [--smoke]", RoutesBench.OPTIONS, RoutesBench.FLAGS, RoutesBench::run));
    BENCHES.put("handover", new Bench("[--records 1000000] [--partitions 1] [--groups 5] [--runs 5] [--value-bytes 100] [--smoke]", HandoverBench.OPTIONS, HandoverBench.FLAGS, HandoverBench::run));
  }

  private BenchMain() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv)));
  }

  static int run(List<String> argv) {
    if (argv.isEmpty() || argv.get(0).equals("-h") || argv.get(0).equals("--help")) {
      System.out.println(usage());
      return argv.isEmpty() ? 2 : 0;
    }
    Bench bench = BENCHES.get(argv.get(0));
    if (bench == null) {
      System.err.println("bench: unknown benchmark '" + argv.get(0) + "'; one of " + String.join(", ", BENCHES.keySet()));
      return 2;
    }
    try {
      return bench.run().applyAsInt(BenchArgs.parse(argv.subList(1, argv.size()), bench.options(), bench.flags()));
    } catch (BenchUsageException e) {
      System.err.println("bench " + argv.get(0) + ": " + e.getMessage());
      return 2;
    }
  }

  /** The benchmarks' names, as {@code ./kmigrate bench NAME} takes them. */
  static Set<String> names() {
    return BENCHES.keySet();
  }

  private static String usage() {
    StringBuilder out = new StringBuilder("usage: ./kmigrate bench NAME [options]\n");
    BENCHES.forEach((name, b) -> out.append("  ").append(name).append(' ').append(b.usage()).append('\n'));
    return out.toString().stripTrailing();
  }
}
