package io.kmigrate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets Jackson read on past a bad field, noting each problem with its path, so one pass over a
 * plan reports every unknown field and every bad value, not just the first.
 */
final class ProblemCollector extends DeserializationProblemHandler {
  private final List<PlanProblem> problems = new ArrayList<>();

  List<PlanProblem> problems() {
    return problems;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
      throws IOException {
    String field;
    if (p != ctxt.getParser()) {
      // A record's unknown fields are replayed from a buffer once its object has been read: the
      // buffer's contexts hang off ones that moved on, but the real parser stands just past the
      // object, on the field (or index) that holds it.
      field = join(path(ctxt.getParser().getParsingContext()), propertyName);
    } else {
      // Where the parser stands differs between JSON and YAML (it may have entered the value):
      // climb to the object whose current field is the unknown one.
      JsonStreamContext holder = p.getParsingContext();
      while (holder != null && !(holder.inObject() && propertyName.equals(holder.getCurrentName()))) {
        holder = holder.getParent();
      }
      field = holder != null ? path(holder) : propertyName;
    }
    problems.add(new PlanProblem(field, "unknown field '" + propertyName + "': remove it or check its spelling"));
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
    problems.add(new PlanProblem(path(ctxt.getParser().getParsingContext()), failureMsg));
    return null;
  }

  @Override
  public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument, Throwable t) {
    problems.add(new PlanProblem(path(ctxt.getParser().getParsingContext()), t.getMessage()));
    return null;
  }

  /** "clients[0].role" from the parser's context chain. */
  static String path(JsonStreamContext ctx) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      }
    }
    String path = "";
    for (String part : parts) {
      path = part.startsWith("[") ? path + part : join(path, part);
    }
    return path.isEmpty() ? "(plan)" : path;
  }

  private static String join(String path, String name) {
    return path.isEmpty() || path.equals("(plan)") ? name : path + "." + name;
  }
}
