package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * Which of a plan's principals can log in to a cluster with SCRAM: the cluster lists the users it
 * holds SCRAM credentials for. Credentials cannot be read out of Kafka (only their mechanism and
 * iterations), so a missing one is for a person to create, never copied.
 *
 * @param checked false when the cluster holds no SCRAM credential at all: its clients log in
 *     another way (PLAIN, OAUTHBEARER, mutual TLS), which Kafka cannot be asked about
 * @param missing the principals without a credential, as {@code User:NAME}
 * @param mechanisms the mechanisms kmigrate saw in use, for the command that creates one
 */
public record ScramCredentials(boolean checked, List<String> missing, Set<String> mechanisms) {
  public ScramCredentials {
    missing = List.copyOf(missing);
    mechanisms = Set.copyOf(mechanisms);
  }

  public static ScramCredentials check(Admin admin, Collection<String> principals) {
    Map<String, UserScramCredentialsDescription> users = get(admin.describeUserScramCredentials().all());
    if (users.isEmpty()) {
      return new ScramCredentials(false, List.of(), Set.of());
    }
    Set<String> mechanisms = new java.util.TreeSet<>();
    users.values().forEach(d -> d.credentialInfos().forEach(i -> mechanisms.add(i.mechanism().mechanismName())));
    List<String> missing = principals.stream().distinct().sorted().filter(p -> {
      KafkaPrincipal kp = SecurityUtils.parseKafkaPrincipal(p);
      return KafkaPrincipal.USER_TYPE.equals(kp.getPrincipalType()) && !users.containsKey(kp.getName());
    }).toList();
    return new ScramCredentials(true, missing, mechanisms);
  }

  /** The kafka-configs command that creates {@code principal}'s credential (the password is the person's to choose). */
  public String createCommand(String principal, String bootstrap) {
    String mechanism = mechanisms.isEmpty() ? ScramMechanism.SCRAM_SHA_512.mechanismName() : mechanisms.iterator().next();
    return "kafka-configs --bootstrap-server " + bootstrap + " --alter --add-config '" + mechanism + "=[password=...]' --entity-type users --entity-name "
        + SecurityUtils.parseKafkaPrincipal(principal).getName();
  }
}
