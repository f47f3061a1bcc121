package io.kmigrate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a plan from YAML or JSON (one model for both) and turns parse errors into field problems. */
public final class PlanLoader {
  /**
   * Plans larger than this are refused before parsing: real ones are a few kB, and the YAML
   * scanner's time grows faster than the text (10 MB of comment took half a minute).
   */
  public static final int MAX_BYTES = 1024 * 1024;

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
    return parse(text(file));
  }

  /** A plan file's text; see {@link #text(InputStream)}. */
  public static String text(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return text(in);
    }
  }

  /**
   * Reads a plan's text, at most {@link #MAX_BYTES} of UTF-8 (never more into memory); a larger
   * plan or bytes that are not UTF-8 are an {@link InvalidPlanException} on {@code (plan)}.
   */
  public static String text(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    return Utf8Text.decode(bytes, "(plan)", "plan");
  }

  private static InvalidPlanException tooLarge() {
    return new InvalidPlanException(
        List.of(new PlanProblem("(plan)", "the plan is larger than " + MAX_BYTES / 1024 + " KiB: split the migration")));
  }

  /** Parses JSON when the text starts with '{', YAML otherwise (JSON is YAML too, but stricter errors help). */
  public static MigrationPlan parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidPlanException(List.of(new PlanProblem("(plan)", "the plan is empty: send a YAML or JSON plan")));
    }
    if (text.length() > MAX_BYTES) {
      throw tooLarge();
    }
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    ProblemCollector collector = new ProblemCollector();
    List<PlanProblem> structure = structureProblems(mapper, text);
    try {
      MigrationPlan plan = mapper.readerFor(MigrationPlan.class).withHandler(collector).readValue(text);
      List<PlanProblem> problems = new ArrayList<>(structure);
      problems.addAll(collector.problems());
      if (plan == null && problems.isEmpty()) {
        throw new InvalidPlanException(List.of(new PlanProblem("(plan)", "the plan is empty: send a YAML or JSON plan")));
      }
      if (!problems.isEmpty()) {
        throw new InvalidPlanException(problems, plan);
      }
      return plan;
    } catch (JsonMappingException e) {
      List<PlanProblem> problems = new ArrayList<>(structure);
      problems.addAll(collector.problems());
      problems.add(problemOf(e));
      throw new InvalidPlanException(problems);
    } catch (JsonProcessingException e) {
      List<PlanProblem> problems = new ArrayList<>(structure);
      problems.add(new PlanProblem("(plan)", "not valid YAML or JSON: " + e.getOriginalMessage()));
      throw new InvalidPlanException(problems);
    }
  }

  /**
   * What binding cannot see: a key given twice (the last would silently win) and YAML aliases
   * ({@code *name}), which the YAML reader returns as the anchor's name instead of its value.
   * Refusing aliases also rules out "billion laughs" expansions. Syntax errors are left to binding.
   */
  private static List<PlanProblem> structureProblems(ObjectMapper mapper, String text) {
    List<PlanProblem> problems = new ArrayList<>();
    Deque<Set<String>> keys = new ArrayDeque<>();
    try (JsonParser p = mapper.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          problems.add(new PlanProblem(ProblemCollector.path(p.getParsingContext()),
              "YAML aliases (*" + p.getText() + ") are not supported in a plan: write the value out"));
        } else if (t == JsonToken.START_OBJECT) {
          keys.push(new HashSet<>());
        } else if (t == JsonToken.END_OBJECT) {
          keys.pop();
        } else if (t == JsonToken.FIELD_NAME && !keys.isEmpty() && !keys.peek().add(p.currentName())) {
          problems.add(new PlanProblem(ProblemCollector.path(p.getParsingContext()),
              "'" + p.currentName() + "' is given twice: keep one"));
        }
      }
    } catch (IOException e) {
      // Not well-formed: binding reports where.
    }
    return problems;
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
