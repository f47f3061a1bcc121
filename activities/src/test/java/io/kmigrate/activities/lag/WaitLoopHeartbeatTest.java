package io.kmigrate.activities.lag;

import static io.kmigrate.activities.lag.DrainHeartbeatSizeTest.plan;
import static io.kmigrate.activities.lag.DrainHeartbeatSizeTest.polledAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.lag.WaitLoop.Step;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wait loop heartbeats a big state's bounded details while the attempt keeps the whole state. */
class WaitLoopHeartbeatTest {
  /** A wait of two polls over a 100,000-partition drain state; answers the motion each poll was given. */
  @ActivityInterface
  public interface TwoPolls {
    List<Integer> motionSeen();
  }

  public static class TwoPollsImpl implements TwoPolls {
    @Override
    public List<Integer> motionSeen() {
      List<Integer> seen = new CopyOnWriteArrayList<>();
      return WaitLoop.run(1, DrainState.class, () -> polledAt(plan(0, 200, 500)), state -> {
        seen.add(state.motion().size());
        return seen.size() < 2 ? Step.wait(state) : Step.done(state, List.copyOf(seen));
      });
    }
  }

  TestActivityEnvironment env;
  List<DrainState> beats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void environment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new TwoPollsImpl());
    env.setActivityHeartbeatListener(DrainState.class, beats::add);
  }

  @AfterEach
  void close() {
    env.close();
  }

  TwoPolls stub() {
    return env.newActivityStub(TwoPolls.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
  }

  @Test
  void aBigStateIsHeartbeatWithoutItsMotionButKeptWholeBetweenPolls() {
    assertThat(stub().motionSeen()).containsExactly(100_000, 100_000);

    assertThat(beats).as("heartbeats (the SDK throttles them)").isNotEmpty().allSatisfy(b -> {
      assertThat(b.motion()).isEmpty();
      assertThat(b.motionOmitted()).isEqualTo(100_000);
      assertThat(b.last().partitionCount()).isEqualTo(100_000);
    });
  }

  @Test
  void aRetryResumesFromTheHeartbeatWithoutMotion() {
    env.setHeartbeatDetails(polledAt(plan(0, 200, 500)).heartbeatDetails());

    assertThat(stub().motionSeen()).as("the resumed attempt starts from the heartbeat, without motion").containsExactly(0, 0);
  }
}
