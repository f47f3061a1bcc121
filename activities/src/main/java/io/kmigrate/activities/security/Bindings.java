package io.kmigrate.activities.security;

import java.util.Locale;
import org.apache.kafka.common.acl.AclBinding;

/** ACL bindings as people read them. */
final class Bindings {
  private Bindings() {}

  /** "ALLOW User:orders-api WRITE topic orders (prefixed) from *". */
  static String describe(AclBinding b) {
    return b.entry().permissionType() + " " + b.entry().principal() + " " + b.entry().operation() + " "
        + b.pattern().resourceType().name().toLowerCase(Locale.ROOT) + " " + b.pattern().name()
        + " (" + b.pattern().patternType().name().toLowerCase(Locale.ROOT) + ") from " + b.entry().host();
  }
}
