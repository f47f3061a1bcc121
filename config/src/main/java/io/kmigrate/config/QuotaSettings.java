package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether prepare-target copies the source's client quotas for the plan's principals (and the
 * defaults that apply to them) to the target, so a client that moves is throttled as before
 * and not suddenly without limit. On unless a plan says {@code quotas: {copy: false}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuotaSettings(Boolean copy) {
  public QuotaSettings {
    copy = copy == null ? Boolean.TRUE : copy;
  }

  public static QuotaSettings copied() {
    return new QuotaSettings(true);
  }

  @JsonIgnore
  public boolean copies() {
    return copy;
  }
}
