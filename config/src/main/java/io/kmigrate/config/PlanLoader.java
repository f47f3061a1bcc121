package io.kmigrate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a plan from YAML or JSON (one model for both) and turns parse errors into field problems. */
public final class PlanLoader {
  private static final ObjectMapper JSON = configure(new ObjectMapper());
  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

  private PlanLoader() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public static MigrationPlan load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses JSON when the text starts with '{', YAML otherwise (JSON is YAML too, but stricter errors help). */
  public static MigrationPlan parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidPlanException(List.of(new PlanProblem("(plan)", "the plan is empty: send a YAML or JSON plan")));
    }
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    ProblemCollector collector = new ProblemCollector();
    try {
      MigrationPlan plan = mapper.readerFor(MigrationPlan.class).withHandler(collector).readValue(text);
      if (plan == null) {
        throw new InvalidPlanException(List.of(new PlanProblem("(plan)", "the plan is empty: send a YAML or JSON plan")));
      }
      if (!collector.problems().isEmpty()) {
        throw new InvalidPlanException(collector.problems(), plan);
      }
      return plan;
    } catch (JsonMappingException e) {
      List<PlanProblem> problems = new java.util.ArrayList<>(collector.problems());
      problems.add(problemOf(e));
      throw new InvalidPlanException(problems);
    } catch (JsonProcessingException e) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("(plan)", "not valid YAML or JSON: " + e.getOriginalMessage())));
    }
  }

  private static PlanProblem problemOf(JsonMappingException e) {
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException u) {
      return new PlanProblem(field, "unknown field '" + u.getPropertyName() + "': remove it or check its spelling");
    }
    if (e instanceof ValueInstantiationException || e instanceof InvalidFormatException) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
      if (e instanceof InvalidFormatException f && f.getCause() == null) {
        message = "'" + f.getValue() + "' is not valid here: " + firstLine(e.getOriginalMessage());
      }
      return new PlanProblem(field, firstLine(message));
    }
    return new PlanProblem(field, firstLine(e.getOriginalMessage()));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      }
    }
    return sb.isEmpty() ? "(plan)" : sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The mapper used for plans everywhere (API responses, workflow inputs in the README). */
  public static ObjectMapper json() {
    return JSON;
  }
}
