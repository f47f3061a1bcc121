package io.kmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sample producer's pacing: the rate exactly, released a tick at a time. */
class PacerTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void releasesExactlyTheRateOverTimeWhateverTheTicks() {
    Pacer pacer = new Pacer(50_000 / 16, 0);
    long released = 0;
    for (long t = 0; t <= 10 * SECOND; t += 5 * MS + 123_457) { // ticks that never line up with a second
      released += pacer.release(t);
    }
    released += pacer.release(10 * SECOND);
    assertThat(released).isEqualTo(31_250);
  }

  @Test
  void aSendThatBlockedIsCaughtUpInTheNextRelease() {
    Pacer pacer = new Pacer(1_000, 0);
    assertThat(pacer.release(5 * MS)).isEqualTo(5);
    assertThat(pacer.release(505 * MS)).as("half a second blocked (a fence holding sends)").isEqualTo(500);
    assertThat(pacer.release(505 * MS)).as("nothing twice").isZero();
  }

  @Test
  void sleepsATickAtHighRatesAndUntilTheNextSendAtLowOnes() {
    Pacer fast = new Pacer(50_000, 0);
    fast.release(0);
    assertThat(fast.sleepMs(0)).isEqualTo(Pacer.TICK_MS);

    Pacer slow = new Pacer(1, 0);
    assertThat(slow.release(0)).isZero();
    assertThat(slow.sleepMs(0)).isEqualTo(1_000);
    assertThat(slow.sleepMs(999_999_999)).isEqualTo(Pacer.TICK_MS);
    assertThat(slow.release(SECOND)).isEqualTo(1);
  }

  @Test
  void theNextSendIsDueTheMomentItIsReleased() {
    Pacer pacer = new Pacer(3, 0);
    assertThat(pacer.release(SECOND / 3)).as("1/3 s, rounded down").isZero();
    assertThat(pacer.sleepMs(SECOND / 3)).isEqualTo(Pacer.TICK_MS);
    assertThat(pacer.release(SECOND / 3 + 1)).isEqualTo(1);
  }

  @Test
  void hoursAtAHighRateDoNotOverflow() {
    Pacer pacer = new Pacer(1_000_000, 0);
    assertThat(pacer.release(100L * 3600 * SECOND)).isEqualTo(360_000_000_000L);
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThatThrownBy(() -> new Pacer(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
