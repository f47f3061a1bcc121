package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A set of application instances repointed together. A consumer client names the consumer
 * group it belongs to, so its move can be verified from that group's members and commits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientGroup(
    @NotBlank
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}", message = "must hold only letters, digits, '.', '_' or '-'")
        String name,
    @NotNull(message = "must be producer or consumer") ClientRole role,
    RepointStrategy strategy,
    String consumerGroup) {

  public ClientGroup {
    strategy = strategy == null ? RepointStrategy.ROUTING : strategy;
  }
}
