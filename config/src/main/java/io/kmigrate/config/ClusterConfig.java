package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * A Kafka cluster as the worker knows it: bootstrap servers plus client properties (SASL, TLS).
 * Property values may be secret references, {@code ${env:NAME}} or {@code ${file:/path}},
 * resolved only inside activities so no secret enters Temporal history.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClusterConfig(@NotBlank String bootstrapServers, Map<String, String> properties) {
  public ClusterConfig {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
