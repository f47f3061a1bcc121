package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;

/** The plan's approval gates, keyed as they are named in the API. */
public record Gates(
    @JsonProperty(GateName.PRODUCER_CUTOVER) @Valid GateConfig producerCutover,
    @JsonProperty(GateName.CONSUMER_CUTOVER) @Valid GateConfig consumerCutover,
    @JsonProperty(GateName.STOP_OLD_CONSUMERS) @Valid GateConfig stopOldConsumers) {

  public Gates {
    producerCutover = producerCutover == null ? GateConfig.requiredForever() : producerCutover;
    consumerCutover = consumerCutover == null ? GateConfig.requiredForever() : consumerCutover;
    stopOldConsumers = stopOldConsumers == null ? GateConfig.requiredForever() : stopOldConsumers;
  }

  public Gates(GateConfig producerCutover, GateConfig consumerCutover) {
    this(producerCutover, consumerCutover, null);
  }

  public static Gates defaults() {
    return new Gates(null, null, null);
  }

  public GateConfig forGate(String gate) {
    return switch (gate) {
      case GateName.PRODUCER_CUTOVER -> producerCutover;
      case GateName.CONSUMER_CUTOVER -> consumerCutover;
      case GateName.STOP_OLD_CONSUMERS -> stopOldConsumers;
      default -> GateConfig.requiredForever();
    };
  }
}
