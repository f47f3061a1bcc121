package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.ActivityHeartbeat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * Copies the client quotas set for the plan's user principals (alone, or with a client id) from
 * source to target: a client that moves is throttled as before, not suddenly without limit. A
 * quota the target sets to another value is a conflict, left as it is.
 */
public final class QuotaCopy {
  /** What a copy did: one line per quota copied, and per quota the target sets otherwise. */
  public record Result(List<String> copied, List<String> conflicts) {}

  private QuotaCopy() {}

  public static Result apply(Admin source, Admin target, Collection<String> principals) {
    List<String> copied = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    List<ClientQuotaAlteration> alterations = new ArrayList<>();
    for (String principal : principals.stream().distinct().sorted().toList()) {
      KafkaPrincipal p = SecurityUtils.parseKafkaPrincipal(principal);
      if (!KafkaPrincipal.USER_TYPE.equals(p.getPrincipalType())) {
        continue; // quotas are set per user name; other principal types have none
      }
      ActivityHeartbeat.beat();
      Map<ClientQuotaEntity, Map<String, Double>> wanted = quotas(source, p);
      Map<ClientQuotaEntity, Map<String, Double>> there = quotas(target, p);
      wanted.forEach((entity, quotas) -> {
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        Map<String, Double> existing = there.getOrDefault(entity, Map.of());
        quotas.forEach((key, value) -> {
          Double now = existing.get(key);
          if (now == null) {
            ops.add(new ClientQuotaAlteration.Op(key, value));
            copied.add(describe(entity) + " " + key + "=" + value);
          } else if (!Objects.equals(now, value)) {
            conflicts.add(describe(entity) + " " + key + " is " + now + " on the target, " + value + " on the source: left as it is");
          }
        });
        if (!ops.isEmpty()) {
          alterations.add(new ClientQuotaAlteration(entity, ops));
        }
      });
    }
    if (!alterations.isEmpty()) {
      get(target.alterClientQuotas(alterations).all());
    }
    return new Result(AclCopy.listed(copied), AclCopy.listed(conflicts));
  }

  /** How many quotas the source sets for these principals: preflight's read, which also proves kmigrate may read them. */
  public static int count(Admin source, Collection<String> principals) {
    int count = 0;
    for (String principal : principals.stream().distinct().toList()) {
      KafkaPrincipal p = SecurityUtils.parseKafkaPrincipal(principal);
      if (KafkaPrincipal.USER_TYPE.equals(p.getPrincipalType())) {
        count += quotas(source, p).values().stream().mapToInt(Map::size).sum();
      }
    }
    return count;
  }

  /** The quotas set for this user alone or with a client id. */
  private static Map<ClientQuotaEntity, Map<String, Double>> quotas(Admin admin, KafkaPrincipal user) {
    ClientQuotaFilter filter = ClientQuotaFilter.contains(List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, user.getName())));
    return get(admin.describeClientQuotas(filter).entities());
  }

  private static String describe(ClientQuotaEntity entity) {
    return entity.entries().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + (e.getValue() == null ? "<default>" : e.getValue())).reduce((a, b) -> a + "," + b).orElse("");
  }
}
