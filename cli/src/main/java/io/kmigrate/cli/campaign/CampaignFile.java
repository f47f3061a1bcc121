package io.kmigrate.cli.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A campaign file as {@code discover} writes it, made into what the API takes: each plan named as
 * a file ({@code plans: [move-orders.yaml]}, relative to the campaign file) is read and put in its
 * place. Plans written inline stay as they are.
 */
public final class CampaignFile {
  /** The API refuses a plan above 1 MiB, and a campaign above 4 MiB. */
  static final long PLAN_MAX_BYTES = 1 << 20;
  static final long CAMPAIGN_MAX_BYTES = 4L << 20;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CampaignFile() {}

  /** @throws IllegalArgumentException naming the file or field at fault, in one line */
  public static JsonNode read(Path file) throws IOException {
    JsonNode campaign = parse(file, CAMPAIGN_MAX_BYTES, "the campaign");
    if (!(campaign instanceof ObjectNode object) || !campaign.path("plans").isArray()) {
      throw new IllegalArgumentException(file + ": a campaign has name, waves and plans (a list of plan files or plans)");
    }
    ArrayNode plans = (ArrayNode) object.path("plans");
    long total = Files.size(file);
    for (int i = 0; i < plans.size(); i++) {
      if (plans.get(i).isTextual()) {
        Path plan = file.toAbsolutePath().getParent().resolve(plans.get(i).asText());
        total += Files.isRegularFile(plan) ? Files.size(plan) : 0;
        if (total > CAMPAIGN_MAX_BYTES) {
          throw new IllegalArgumentException("plans[" + i + "]: the campaign and its plans are over 4 MiB, more than the API accepts: split it");
        }
        plans.set(i, parse(plan, PLAN_MAX_BYTES, "plans[" + i + "]"));
      }
    }
    return campaign;
  }

  private static JsonNode parse(Path file, long max, String what) throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(what + ": no such readable file: " + file);
    }
    if (Files.size(file) > max) {
      throw new IllegalArgumentException(what + ": " + file + " is over " + (max >> 20) + " MiB, more than the API accepts");
    }
    try {
      return YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": " + file + " is not YAML or JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
