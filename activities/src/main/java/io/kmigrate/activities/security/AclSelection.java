package io.kmigrate.activities.security;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * The source's bindings a migration carries over: literal bindings on the plan's topics, groups
 * and transactional ids, and prefixed bindings that match them. A wildcard binding ({@code *})
 * is left behind and reported: on the target it would reach every topic or group there, not just
 * the plan's, which is a decision for a person.
 */
public record AclSelection(List<AclBinding> toCopy, List<AclBinding> wildcards) {
  public AclSelection {
    toCopy = List.copyOf(toCopy);
    wildcards = List.copyOf(wildcards);
  }

  public static AclSelection from(List<AclBinding> source, PlanResources resources) {
    List<AclBinding> copy = new ArrayList<>();
    List<AclBinding> wildcards = new ArrayList<>();
    for (AclBinding b : source) {
      ResourcePattern p = b.pattern();
      boolean wildcard = p.patternType() == PatternType.LITERAL && ResourcePattern.WILDCARD_RESOURCE.equals(p.name());
      boolean bound = p.patternType() == PatternType.LITERAL ? resources.literal(p.resourceType(), p.name())
          : p.patternType() == PatternType.PREFIXED && resources.matchesPrefix(p.resourceType(), p.name());
      if (wildcard && resources.touches(p.resourceType())) {
        wildcards.add(b);
      } else if (bound) {
        copy.add(b);
      }
    }
    return new AclSelection(copy, wildcards);
  }
}
