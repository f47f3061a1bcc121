package io.kmigrate.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bearer token the watcher sends, read again for every request so a rotated token (a mounted
 * Kubernetes secret, say) is used without a restart. Never logged.
 */
public final class ApiToken {
  private ApiToken() {}

  /** An API with auth off: no Authorization header. */
  public static Supplier<Optional<String>> none() {
    return Optional::empty;
  }

  /** From the environment variable {@code name} (e.g. {@code KMIGRATE_TOKEN}); none while it is unset or blank. */
  public static Supplier<Optional<String>> fromEnv(String name) {
    return () -> Optional.ofNullable(System.getenv(name)).map(String::strip).filter(t -> !t.isEmpty());
  }

  /** From the file {@code file}, its first line; none while the file does not exist. */
  public static Supplier<Optional<String>> fromFile(Path file) {
    return () -> {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // An editor's byte-order mark is not part of the token.
        return text.replace("\uFEFF", "").lines().findFirst().map(String::strip).filter(t -> !t.isEmpty());
      } catch (NoSuchFileException missing) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("the token file " + file + " could not be read", e);
      }
    };
  }
}
