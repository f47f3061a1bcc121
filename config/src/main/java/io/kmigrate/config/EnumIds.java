package io.kmigrate.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses an enum from the id users write, refusing unknown ids with the list of valid ones. */
final class EnumIds {
  private EnumIds() {}

  static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> id, String what) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> id.apply(e).equals(text))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "'" + text + "' is not a " + what + ": use " + Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(" or "))));
  }
}
