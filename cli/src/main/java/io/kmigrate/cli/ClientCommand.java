package io.kmigrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmigrate.cli.api.KmigrateApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to the API: its options, the session it writes to, and JSON printed as scripts want it. */
abstract class ClientCommand implements Callable<Integer> {
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  protected final Session session;

  @Mixin
  ApiOptions apiOptions;

  ClientCommand(Session session) {
    this.session = session;
  }

  KmigrateApi api() {
    return apiOptions.connect(session);
  }

  void printJson(JsonNode node) {
    try {
      session.out().println(PRETTY.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
