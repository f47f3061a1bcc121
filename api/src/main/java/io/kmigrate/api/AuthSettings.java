package io.kmigrate.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who may call {@code /api/v1}: each user's name, bearer token and roles (viewer, operator,
 * approver). With users listed every request needs a token. With none the API is open, which
 * {@code server} accepts only on the embedded Temporal or when {@code open: true} says so.
 */
public class AuthSettings {
  @Valid @NotNull public List<User> users = new ArrayList<>();
  /** No users and a real Temporal: run the API open anyway (a trial behind a private network). */
  public boolean open = false;

  /**
   * One caller. {@code token} must be a reference, {@code ${env:NAME}} or {@code ${file:/path}},
   * resolved at start, so the secret never sits in the configuration file.
   */
  public record User(@NotBlank String name, @NotBlank String token, @NotEmpty Set<String> roles) {}
}
