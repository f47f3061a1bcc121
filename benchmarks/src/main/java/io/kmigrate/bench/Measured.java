package io.kmigrate.bench;

import java.util.concurrent.Callable;

/** A call's result and its wall-clock time. */
public record Measured<T>(double ms, T result) {
  public static <T> Measured<T> of(Callable<T> call) {
    long started = System.nanoTime();
    try {
      T result = call.call();
      return new Measured<>((System.nanoTime() - started) / 1e6, result);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
