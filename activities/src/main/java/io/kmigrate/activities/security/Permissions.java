package io.kmigrate.activities.security;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * A cluster's decisions, made offline by Kafka's own {@link StandardAuthorizer} over the ACLs
 * and settings read from it: literal, prefixed and wildcard bindings, DENY over ALLOW, the
 * operations one implies (WRITE implies DESCRIBE), host patterns, super users. So "may
 * orders-api write orders on the target" is answered as the target's brokers answer it, before
 * the client is there to ask.
 */
public final class Permissions implements AutoCloseable {
  /**
   * Where a client connects from when kmigrate cannot tell (a producer's host is nowhere in Kafka's
   * APIs): an address from the range reserved for documentation (RFC 5737), which only bindings
   * for every host ({@code *}) match.
   */
  static final InetAddress UNKNOWN_HOST = address("192.0.2.1");

  private final StandardAuthorizer authorizer = new StandardAuthorizer();
  private final Metrics metrics = new Metrics();

  public Permissions(ClusterAuthorization cluster) {
    Map<String, Object> config = new HashMap<>();
    config.put(StandardAuthorizer.SUPER_USERS_CONFIG, String.join(";", cluster.superUsers()));
    config.put(StandardAuthorizer.ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG, Boolean.toString(cluster.allowEveryoneIfNoAcl()));
    authorizer.configure(config);
    authorizer.withPluginMetrics(new PluginMetricsImpl(metrics, Map.of()));
    Map<Uuid, StandardAcl> acls = new HashMap<>();
    for (AclBinding b : cluster.bindings()) {
      acls.put(Uuid.randomUuid(), StandardAcl.fromAclBinding(b));
    }
    authorizer.loadSnapshot(acls);
    authorizer.completeInitialLoad();
  }

  /** Whether {@code principal}, connecting from {@code host} (null: unknown), may do {@code operation} on the named resource. */
  public boolean allows(KafkaPrincipal principal, InetAddress host, AclOperation operation, ResourceType type, String name) {
    Action action = new Action(operation, new ResourcePattern(type, name, PatternType.LITERAL), 1, false, false);
    return authorizer.authorize(new Request(principal, host == null ? UNKNOWN_HOST : host), List.of(action)).get(0) == AuthorizationResult.ALLOWED;
  }

  @Override
  public void close() {
    try {
      authorizer.close();
    } catch (IOException ignored) {
      // nothing was opened: the authorizer only holds maps
    }
    metrics.close();
  }

  static InetAddress address(String literal) {
    return ipAddress(literal).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + literal));
  }

  /**
   * An ACL's host as an address, without a DNS lookup: brokers compare it with the client's IP
   * address as text, so a binding naming a host name never matches anyone and is empty here.
   */
  static java.util.Optional<InetAddress> ipAddress(String host) {
    if (host == null || !host.matches("[0-9A-Fa-f:.]+") || !(host.contains(".") || host.contains(":"))) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(InetAddress.getByName(host)); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  /** The parts of a request the authorizer reads: who and from where. */
  private record Request(KafkaPrincipal principal, InetAddress clientAddress) implements AuthorizableRequestContext {
    @Override
    public String listenerName() {
      return ListenerName.normalised("CLIENT").value();
    }

    @Override
    public SecurityProtocol securityProtocol() {
      return SecurityProtocol.SASL_PLAINTEXT;
    }

    @Override
    public int requestType() {
      return 0;
    }

    @Override
    public int requestVersion() {
      return 0;
    }

    @Override
    public String clientId() {
      return "kmigrate-preflight";
    }

    @Override
    public int correlationId() {
      return 0;
    }
  }
}
