package io.kmigrate.api.routes;

import io.dropwizard.lifecycle.Managed;
import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.resources.ApiException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long polls on routes ({@code GET /api/v1/routes/{client}?after=VERSION&wait=30s}): each
 * waits, without a thread, until its client's route version differs from the one it saw, or its
 * wait runs out (304). Routes change in whichever process runs the workflow, so one thread here
 * reads the versions of the routes being waited for from the store every {@code every}, one query
 * for all of them however many callers wait (a thousand instances of one client cost one row),
 * and none while nobody waits. A change this process writes (its own worker ran the repoint) has
 * them read at once, up to {@code every} sooner; a caller listed just after that read waits for the
 * next one.
 */
public final class RouteWaits implements Managed {
  /** Callers waiting at once, at most; more are told to come back (503), so the state stays bounded. */
  public static final int MAX_WAITING = 20_000;
  private static final int ANSWER_THREADS = 8;
  private static final Logger log = LoggerFactory.getLogger(RouteWaits.class);

  /** One caller: the version it saw (0: no route yet) and its suspended response. */
  private record Waiter(long after, AsyncResponse response) {}

  private final RouteStore routes;
  private final Duration every;
  private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean stopping;
  private volatile ScheduledExecutorService checker;
  /** A check asked for by a change here and not begun yet: a burst of changes costs one check. */
  private final AtomicBoolean checkAsked = new AtomicBoolean();
  private volatile Runnable unsubscribe = () -> { };
  /** Writes the answers: a thousand callers of one route answered one after another took 1.9 s (bench routes). */
  private ExecutorService answers;

  public RouteWaits(RouteStore routes, Duration every) {
    this.routes = routes;
    this.every = every;
  }

  /**
   * Answers {@code response} with {@code client}'s route once its version differs from
   * {@code after}, or 304 after {@code wait}; false when {@link #MAX_WAITING} callers wait already.
   */
  public boolean await(String client, long after, Duration wait, AsyncResponse response) {
    if (stopping || count.incrementAndGet() > MAX_WAITING) {
      if (!stopping) {
        count.decrementAndGet();
      }
      return false;
    }
    Waiter w = new Waiter(after, response);
    // The timeout is set before the waiter is listed, so no answer can come before it is.
    response.setTimeoutHandler(r -> {
      if (remove(client, w)) {
        r.resume(Response.notModified().build());
      }
    });
    response.setTimeout(wait.toMillis(), TimeUnit.MILLISECONDS);
    // Added and removed inside the map's per-key operations: a set emptied by a removal is never
    // one an addition just joined.
    waiting.compute(client, (c, set) -> {
      Set<Waiter> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
      waiters.add(w);
      return waiters;
    });
    return true;
  }

  /** Callers waiting now. */
  public int waiting() {
    return count.get();
  }

  /**
   * Answers every caller whose client's route moved past the version it saw. The route is read
   * before any caller is taken off the list, and compared again: a store failing half-way leaves
   * every caller listed (its timeout answers it), and a caller listed after the versions were read
   * is never answered with the version it holds.
   */
  void check() {
    if (waiting.isEmpty()) {
      return;
    }
    Map<String, Long> versions = routes.versions(waiting.keySet());
    waiting.forEach((client, waiters) -> {
      long version = versions.getOrDefault(client, 0L);
      if (waiters.stream().allMatch(w -> w.after() == version)) {
        return;
      }
      Optional<ClientRoute> route = routes.find(client);
      long current = route.map(ClientRoute::version).orElse(0L);
      answer(client, takeBehind(client, current), route);
    });
  }

  /**
   * Takes off the list, in one step, every caller of {@code client} that saw another version than
   * {@code current}, rather than one step on the map (which the callers asking again join) and one
   * task waking a thread per caller. A caller's timeout takes it off in a step of its own, so each
   * caller is answered once.
   */
  private List<Waiter> takeBehind(String client, long current) {
    List<Waiter> due = new ArrayList<>();
    waiting.computeIfPresent(client, (c, set) -> {
      set.removeIf(w -> w.after() != current && due.add(w));
      return set.isEmpty() ? null : set;
    });
    count.addAndGet(-due.size());
    return due;
  }

  /**
   * Answers {@code due} with the route, in at most {@link #ANSWER_THREADS} tasks, each writing a
   * share of the answers. They are off the list already, so no timeout answers them: each is
   * answered here whatever happens to another, and with 503 if the answer threads have stopped.
   */
  private void answer(String client, List<Waiter> due, Optional<ClientRoute> route) {
    int share = Math.max(1, (due.size() + ANSWER_THREADS - 1) / ANSWER_THREADS);
    for (int from = 0; from < due.size(); from += share) {
      List<Waiter> part = due.subList(from, Math.min(due.size(), from + share));
      try {
        answers.execute(() -> part.forEach(w -> resume(w, route.isPresent() ? route.get()
            : ApiException.notFound("no route for client '" + client + "'"))));
      } catch (RejectedExecutionException stopping) {
        part.forEach(w -> resume(w, askAgainSoon()));
      }
    }
  }

  /** 503 with Retry-After: this instance stops answering route waits; another one will. */
  private static Response askAgainSoon() {
    return Response.status(503).header("Retry-After", "1").build();
  }

  /** An exception is answered as one (its mapper's status and body), anything else as the entity. */
  private static void resume(Waiter w, Object answer) {
    try {
      if (answer instanceof Throwable error) {
        w.response().resume(error);
      } else {
        w.response().resume(answer);
      }
    } catch (RuntimeException e) {
      log.warn("a route caller could not be answered: {}", e.toString());
    }
  }

  /** Whether this call took {@code w} off the list (the check and the timeout race for it). */
  private boolean remove(String client, Waiter w) {
    boolean[] removed = {false};
    waiting.computeIfPresent(client, (c, set) -> {
      removed[0] = set.remove(w);
      return set.isEmpty() ? null : set;
    });
    if (removed[0]) {
      count.decrementAndGet();
    }
    return removed[0];
  }

  @Override
  public void start() {
    checkAsked.set(false); // a check asked for before a stop may never have run
    AtomicInteger n = new AtomicInteger();
    answers = Executors.newFixedThreadPool(ANSWER_THREADS, r -> {
      Thread t = new Thread(r, "kmigrate-route-answers-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kmigrate-route-waits");
      t.setDaemon(true);
      return t;
    });
    checker.scheduleWithFixedDelay(this::checkLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    unsubscribe = routes.onChange(this::checkSoon);
  }

  /** On the thread that wrote a route change: the checker reads the versions now, not at its next turn. */
  private void checkSoon() {
    if (stopping || !checkAsked.compareAndSet(false, true)) {
      return;
    }
    try {
      checker.execute(() -> {
        checkAsked.set(false); // before the read: a change after it asks again
        checkLogged();
      });
    } catch (RejectedExecutionException stopped) {
      checkAsked.set(false); // stopping: the callers are released
    }
  }

  private void checkLogged() {
    try {
      check();
    } catch (Throwable e) { // anything escaping would end the schedule for good
      // The store is down: the callers wait on, and their timeouts answer them.
      log.warn("route versions not read for {} waiting caller(s): {}", count.get(), e.toString());
    }
  }

  /**
   * Called as the server starts stopping, before it drains requests: those still waiting are told
   * to ask again (another API instance answers them), and new ones are not held, so a held request
   * does not keep the server from stopping for its whole grace period.
   */
  public void releaseAll() {
    stopping = true;
    waiting.forEach((client, waiters) -> waiters.forEach(w -> {
      if (remove(client, w)) {
        w.response().resume(askAgainSoon());
      }
    }));
  }

  @Override
  public void stop() throws InterruptedException {
    unsubscribe.run();
    releaseAll();
    checker.shutdownNow();
    checker.awaitTermination(5, TimeUnit.SECONDS);
    answers.shutdown();
    answers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
