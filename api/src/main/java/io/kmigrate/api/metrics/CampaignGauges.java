package io.kmigrate.api.metrics;

import io.kmigrate.workflows.campaign.CampaignProgress;
import io.kmigrate.workflows.campaign.UnitState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per campaign, recounted every {@code every} from each campaign's progress query, in the API for
 * the reasons {@link MigrationPhaseGauge} gives: {@value #UNITS}{campaign,status}, its units by
 * status ({@code pending}, {@code running}, {@code completed}, {@code failed}, ...), and
 * {@value #WAITING_WAVE}{campaign}, the wave waiting for a person's approval (0: none), to alert
 * on a wave nobody approved. An ended campaign's counts are read once and kept; a campaign whose
 * progress cannot be read now keeps the counts last read.
 */
public final class CampaignGauges extends PeriodicGauge {
  public static final String UNITS = "kmigrate_campaign_units";
  public static final String WAITING_WAVE = "kmigrate_campaign_waiting_wave";
  private static final Logger log = LoggerFactory.getLogger(CampaignGauges.class);

  private final Supplier<List<String>> campaigns;
  private final Function<String, CampaignProgress> progress;
  private final MultiGauge units;
  private final MultiGauge waitingWave;
  /** The progress last read per campaign, so one unanswered query does not blank its rows. */
  private final Map<String, CampaignProgress> lastRead = new HashMap<>();

  /**
   * @param campaigns the campaigns the store lists (the newest 200)
   * @param progress a campaign's progress query; may throw
   */
  public CampaignGauges(MeterRegistry registry, Supplier<List<String>> campaigns, Function<String, CampaignProgress> progress, Duration every) {
    super(UNITS, every);
    this.campaigns = campaigns;
    this.progress = progress;
    this.units = MultiGauge.builder(UNITS).description("a campaign's units by status").register(registry);
    this.waitingWave = MultiGauge.builder(WAITING_WAVE).description("the wave of a campaign waiting for approval, 0 when none").register(registry);
  }

  @Override
  public synchronized void refresh() {
    List<MultiGauge.Row<?>> unitRows = new ArrayList<>();
    List<MultiGauge.Row<?>> waveRows = new ArrayList<>();
    Map<String, CampaignProgress> read = new HashMap<>();
    for (String id : campaigns.get()) {
      CampaignProgress p = read(id);
      if (p == null) {
        continue; // never read yet: nothing to show until a worker answers
      }
      read.put(id, p);
      Map<String, Integer> byStatus = new TreeMap<>();
      p.waves().forEach(wave -> wave.forEach((UnitState u) -> byStatus.merge(u.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum)));
      byStatus.forEach((status, n) -> unitRows.add(MultiGauge.Row.of(Tags.of("campaign", id, "status", status), n)));
      waveRows.add(MultiGauge.Row.of(Tags.of("campaign", id), p.openWave() == null ? 0 : p.openWave()));
    }
    lastRead.clear();
    lastRead.putAll(read); // campaigns the store no longer lists are forgotten
    units.register(unitRows, true);
    waitingWave.register(waveRows, true);
  }

  private CampaignProgress read(String id) {
    CampaignProgress known = lastRead.get(id);
    if (known != null && known.status().ended()) {
      return known; // an ended campaign's progress never changes
    }
    try {
      return progress.apply(id);
    } catch (RuntimeException e) {
      log.debug("progress of campaign {} not read: {}", id, e.getMessage());
      return known;
    }
  }
}
