package io.kmigrate.cli.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar per consumer group, drawn by the progressbar library into lines the watch
 * screen places. A group's bar runs from the most lag this watch has seen it have (0 drained)
 * to none; its ETA is the drain's own, from the server, not the library's guess from the bar.
 */
public final class LagBars implements AutoCloseable {
  /** The bars render on demand; the library's own timer is only a fallback. */
  private static final int LIBRARY_REFRESH_MILLIS = 60_000;
  private final int width;
  private final Map<String, Bar> bars = new LinkedHashMap<>();
  private final Map<String, Long> mostLag = new HashMap<>();
  /** The thread whose refresh() calls draw: the library's own timer thread may draw a stale state at any time. */
  private volatile Thread renderer;

  /** @param width the most characters a bar's line takes */
  public LagBars(int width) {
    this.width = width;
  }

  /** Each group's bar line, in the order given, after moving every bar to its group's figures. */
  public List<String> render(List<GroupLag> groups) {
    renderer = Thread.currentThread();
    List<String> lines = new ArrayList<>();
    for (GroupLag g : groups) {
      long most = mostLag.merge(g.group(), g.lag(), Math::max);
      Bar bar = bars.computeIfAbsent(g.group(), this::newBar);
      bar.eta.set(g.etaSeconds());
      bar.progress.maxHint(Math.max(1, most));
      bar.progress.stepTo(Math.max(1, most) - g.lag());
      bar.progress.setExtraMessage(extra(g));
      bar.progress.refresh();
      lines.add(bar.line.get());
    }
    return lines;
  }

  private static String extra(GroupLag g) {
    if (g.consumePerSec() == null) {
      return String.format("lag %,d", g.lag());
    }
    return String.format("lag %,d, consuming %,.0f/s, producing %,.0f/s%s", g.lag(), g.consumePerSec(), g.producePerSec(),
        g.etaSeconds() == null && g.lag() > 0 ? ", not draining" : "");
  }

  private Bar newBar(String group) {
    AtomicReference<String> line = new AtomicReference<>("");
    AtomicReference<Long> eta = new AtomicReference<>();
    ProgressBar progress = new ProgressBarBuilder()
        .setTaskName(group)
        .setInitialMax(1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(LIBRARY_REFRESH_MILLIS)
        .continuousUpdate() // else refresh() draws only when the bar advanced: a stuck drain would show nothing
        .setConsumer(new DelegatingProgressBarConsumer(drawn -> {
          if (Thread.currentThread() == renderer) {
            line.set(drawn);
          }
        }, width))
        .setEtaFunction(state -> Optional.ofNullable(eta.get()).map(Duration::ofSeconds))
        .build();
    return new Bar(progress, line, eta);
  }

  @Override
  public void close() {
    bars.values().forEach(b -> b.progress.close());
    bars.clear();
  }

  private record Bar(ProgressBar progress, AtomicReference<String> line, AtomicReference<Long> eta) {}
}
