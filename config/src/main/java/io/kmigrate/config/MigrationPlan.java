package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * What to move and how: the input of every migration workflow. Its {@code name} becomes the
 * workflow id, so a second start of the same plan is refused rather than run twice. Cluster
 * names refer to the worker's configuration; a plan never carries credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationPlan(
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}",
            message = "must start with a letter or digit and hold only letters, digits, '.', '_' or '-' (at most 200)")
        String name,
    @NotNull(message = "must be production-first or production-later") Scheme scheme,
    @NotBlank String source,
    @NotBlank String target,
    List<@NotBlank String> topics,
    String topicPattern,
    List<@NotBlank String> consumerGroups,
    @NotEmpty List<@NotNull @Valid ClientGroup> clients,
    @Valid Gates gates,
    @Valid Waits waits) {

  public MigrationPlan {
    topics = topics == null ? null : List.copyOf(topics);
    consumerGroups = consumerGroups == null ? List.of() : List.copyOf(consumerGroups);
    clients = clients == null ? null : List.copyOf(clients);
    gates = gates == null ? Gates.defaults() : gates;
    waits = waits == null ? Waits.defaults() : waits;
  }

  public List<ClientGroup> clientsWithRole(ClientRole role) {
    return clients.stream().filter(c -> c.role() == role).toList();
  }
}
