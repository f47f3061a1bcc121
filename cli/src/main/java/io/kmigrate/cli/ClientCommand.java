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

  /** Who the audit log names when the API runs open; with a token the API names the token's user instead. */
  String caller(String by) {
    if (by != null) {
      return by;
    }
    String user = session.env("USER");
    return user != null ? user : System.getProperty("user.name", "kmigrate-cli");
  }

  void printJson(JsonNode node) {
    try {
      session.out().println(PRETTY.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
