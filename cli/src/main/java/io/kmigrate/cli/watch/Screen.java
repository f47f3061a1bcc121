package io.kmigrate.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;

/** Where {@code migrations watch} shows each view it reads. */
public interface Screen {
  void show(JsonNode view);

  /** A passing remark, e.g. the API did not answer this time. */
  void note(String text);
}
