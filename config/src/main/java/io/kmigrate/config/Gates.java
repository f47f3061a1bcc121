package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;

/** The plan's approval gates, keyed as they are named in the API. */
public record Gates(
    @JsonProperty(GateName.PRODUCER_CUTOVER) @Valid GateConfig producerCutover,
    @JsonProperty(GateName.CONSUMER_CUTOVER) @Valid GateConfig consumerCutover) {

  public Gates {
    producerCutover = producerCutover == null ? GateConfig.requiredForever() : producerCutover;
    consumerCutover = consumerCutover == null ? GateConfig.requiredForever() : consumerCutover;
  }

  public static Gates defaults() {
    return new Gates(null, null);
  }

  public GateConfig forGate(String gate) {
    return switch (gate) {
      case GateName.PRODUCER_CUTOVER -> producerCutover;
      case GateName.CONSUMER_CUTOVER -> consumerCutover;
      default -> GateConfig.requiredForever();
    };
  }
}
