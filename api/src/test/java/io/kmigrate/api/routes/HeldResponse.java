package io.kmigrate.api.routes;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A suspended request as Jersey hands it to {@link RouteWaits}, keeping what it was answered with. */
final class HeldResponse implements AsyncResponse {
  private final CompletableFuture<Object> answer = new CompletableFuture<>();

  /** The answer, once given within {@code within}, else a {@link java.util.concurrent.TimeoutException}. */
  Object answer(Duration within) throws Exception {
    return answer.get(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean answered() {
    return answer.isDone();
  }

  @Override
  public boolean resume(Object response) {
    return answer.complete(response);
  }

  @Override
  public boolean resume(Throwable response) {
    return answer.complete(response);
  }

  @Override
  public boolean cancel() {
    return answer.cancel(false);
  }

  @Override
  public boolean cancel(int retryAfter) {
    return cancel();
  }

  @Override
  public boolean cancel(Date retryAfter) {
    return cancel();
  }

  @Override
  public boolean isSuspended() {
    return !answer.isDone();
  }

  @Override
  public boolean isCancelled() {
    return answer.isCancelled();
  }

  @Override
  public boolean isDone() {
    return answer.isDone();
  }

  /** The tests wait far shorter than the hold asked: no timeout fires. */
  @Override
  public boolean setTimeout(long time, TimeUnit unit) {
    return true;
  }

  @Override
  public void setTimeoutHandler(TimeoutHandler handler) {
  }

  @Override
  public Collection<Class<?>> register(Class<?> callback) {
    return List.of();
  }

  @Override
  public Map<Class<?>, Collection<Class<?>>> register(Class<?> callback, Class<?>... callbacks) {
    return Map.of();
  }

  @Override
  public Collection<Class<?>> register(Object callback) {
    return List.of();
  }

  @Override
  public Map<Class<?>, Collection<Class<?>>> register(Object callback, Object... callbacks) {
    return Map.of();
  }
}
