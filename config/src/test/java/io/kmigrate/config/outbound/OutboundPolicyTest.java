package io.kmigrate.config.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a webhook may go: the allow list, the special address blocks, this process's own ports. */
class OutboundPolicyTest {
  /** A resolver that knows a few names, and no others. */
  static HostResolver names(Map<String, String> table) {
    return host -> {
      String a = table.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(a)};
    };
  }

  static final HostResolver DNS = names(Map.of(
      "deploy.example.com", "93.184.216.34",
      "hooks.deploy.example.com", "93.184.216.35",
      "rebound.example.com", "127.0.0.1",
      "internal.example.com", "10.20.1.5"));

  static OutboundPolicy allowing(List<String> urls, List<String> networks) {
    return OutboundPolicy.of("webhooks", urls, networks, new OwnPorts(), DNS);
  }

  @Test
  void nothingIsAllowedByDefault() {
    assertThat(OutboundPolicy.none("webhooks").refusal("https://deploy.example.com/hook"))
        .hasValueSatisfying(m -> assertThat(m).contains("allows none").contains("webhooks.allowedUrls"));
  }

  @Test
  void aUrlPrefixAllowsItsSchemeHostPortAndPathsBelowIt() {
    OutboundPolicy p = allowing(List.of("https://deploy.example.com/kmigrate"), List.of());

    assertThat(p.refusal("https://deploy.example.com/kmigrate")).isEmpty();
    assertThat(p.refusal("https://deploy.example.com/kmigrate/orders")).isEmpty();
    assertThat(p.refusal("https://DEPLOY.example.com:443/kmigrate/x")).isEmpty();
    assertThat(p.refusal("https://deploy.example.com/kmigrate-evil")).isPresent();
    assertThat(p.refusal("https://deploy.example.com/other")).isPresent();
    assertThat(p.refusal("http://deploy.example.com/kmigrate/x")).as("another scheme").isPresent();
    assertThat(p.refusal("https://deploy.example.com:8443/kmigrate/x")).as("another port").isPresent();
    assertThat(p.refusal("https://deploy.example.com/kmigrate/../admin")).as("a path that climbs out").isPresent();
    assertThat(p.refusal("https://deploy.example.com/kmigrate/%2e%2e/admin")).as("an encoded climb").isPresent();
  }

  @Test
  void aHostPatternAllowsThatHostOrItsSubdomainsOnAnyPortAndPath() {
    OutboundPolicy p = allowing(List.of("*.deploy.example.com"), List.of());

    assertThat(p.refusal("https://hooks.deploy.example.com:9000/any/path")).isEmpty();
    assertThat(p.refusal("https://deploy.example.com/x")).as("the pattern needs a label before it").isPresent();
    assertThat(p.refusal("https://evildeploy.example.com/x")).isPresent();
  }

  @Test
  void aUrlWithAUserOrNotHttpIsRefused() {
    OutboundPolicy p = allowing(List.of("deploy.example.com"), List.of());

    assertThat(p.refusal("https://user:pw@deploy.example.com/x")).hasValueSatisfying(m -> assertThat(m).contains("user name or password"));
    assertThat(p.refusal("file:///etc/passwd")).hasValueSatisfying(m -> assertThat(m).contains("not an http(s) URL"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:8081/tasks/log-level", "http://localhost.:8081/", "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:8081/", "http://[fe80::1]/", "http://[fd00:ec2::254]/", "http://10.1.2.3/", "http://192.168.1.1/",
      "http://172.16.0.1/", "http://0.0.0.0:8080/", "http://[::]/", "http://224.0.0.1/", "http://100.100.100.200/",
      "http://[::ffff:127.0.0.1]/", "http://2130706433/"})
  void aSpecialAddressIsRefusedEvenWhenTheAllowListNamesIt(String url) throws Exception {
    String host = new java.net.URI(url).getHost();
    OutboundPolicy p = OutboundPolicy.of("webhooks", List.of(host), List.of(), new OwnPorts(),
        h -> h.equals("localhost.") ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(h));

    assertThat(p.refusal(url)).hasValueSatisfying(m -> assertThat(m).contains("refused unless webhooks.allowedNetworks names its block"));
  }

  @Test
  void aHostThatResolvesToAPrivateAddressIsRefusedUntilItsNetworkIsNamed() {
    assertThat(allowing(List.of("internal.example.com"), List.of()).refusal("https://internal.example.com/hook"))
        .hasValueSatisfying(m -> assertThat(m).contains("10.20.1.5, a private address"));
    assertThat(allowing(List.of("internal.example.com"), List.of("10.20.0.0/16")).refusal("https://internal.example.com/hook"))
        .isEmpty();
    assertThat(allowing(List.of("internal.example.com"), List.of("10.21.0.0/16")).refusal("https://internal.example.com/hook"))
        .isPresent();
  }

  @Test
  void aPortOfThisProcessIsRefusedEvenOnANamedNetwork() {
    OwnPorts own = new OwnPorts();
    own.add(18081);
    OutboundPolicy p = OutboundPolicy.of("webhooks", List.of("127.0.0.1"), List.of("127.0.0.0/8"), own, DNS);

    assertThat(p.refusal("http://127.0.0.1:18081/tasks/gc")).hasValueSatisfying(m -> assertThat(m).contains("port 18081 of this kmigrate process"));
    assertThat(p.refusal("http://127.0.0.1:18099/hooks/x")).isEmpty();
  }

  @Test
  void aNameThatDoesNotResolveAtValidationIsLeftForTheCallToCheck() throws Exception {
    OutboundPolicy p = allowing(List.of("https://unknown.example.com/"), List.of());

    assertThat(p.refusal("https://unknown.example.com/x")).isEmpty();
    assertThatThrownBy(() -> p.addressesFor("https://unknown.example.com/x")).isInstanceOf(UnknownHostException.class);
  }

  @Test
  void theCallIsCheckedOnWhatTheNameResolvesToThen() throws Exception {
    // DNS rebinding: the name resolved to an ordinary address when the plan was validated, to loopback at the call.
    String[] answer = {"93.184.216.34"};
    OutboundPolicy p = OutboundPolicy.of("webhooks", List.of("https://rebind.example.com/"), List.of(), new OwnPorts(),
        h -> new InetAddress[] {InetAddress.getByName(answer[0])});

    assertThat(p.refusal("https://rebind.example.com/x")).isEmpty();
    assertThat(p.addressesFor("https://rebind.example.com/x").addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
    answer[0] = "127.0.0.1";
    assertThatThrownBy(() -> p.addressesFor("https://rebind.example.com/x"))
        .isInstanceOf(OutboundPolicy.RefusedDestination.class).hasMessageContaining("127.0.0.1, a loopback address");
  }

  @Test
  void aBadEntryInTheConfigurationIsRefusedNamingIt() {
    assertThatThrownBy(() -> allowing(List.of("https://ok.example.com/", "ftp://x"), List.of()))
        .hasMessageStartingWith("webhooks.allowedUrls[1]: 'ftp://x' is not an http(s) URL");
    assertThatThrownBy(() -> allowing(List.of(), List.of("10.0.0.0/33")))
        .hasMessageStartingWith("webhooks.allowedNetworks[0]: '10.0.0.0/33': the prefix length must be 0 to 32");
    assertThatThrownBy(() -> allowing(List.of(), List.of("intranet")))
        .hasMessageStartingWith("webhooks.allowedNetworks[0]: 'intranet' is not an address block");
  }

  @Test
  void blocksMatchByTheirPrefix() {
    Cidr ten = Cidr.parse("10.20.0.0/14");
    assertThat(ten.contains(address("10.23.255.255"))).isTrue();
    assertThat(ten.contains(address("10.24.0.0"))).isFalse();
    assertThat(Cidr.parse("fd00::/8").contains(address("fd12::1"))).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains(address("10.0.0.1"))).isFalse();
    assertThat(SpecialAddresses.kind(address("93.184.216.34"))).isEqualTo(Optional.empty());
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aPortOutOfRangeOrAPathAReceiverMightReadAsAClimbIsRefused() {
    OutboundPolicy p = allowing(List.of("deploy.example.com", "https://deploy.example.com/kmigrate/"), List.of());

    assertThat(p.refusal("https://deploy.example.com:99999/x")).hasValueSatisfying(m -> assertThat(m).contains("a port is 1 to 65535"));
    assertThat(p.refusal("https://deploy.example.com/kmigrate/..;/admin/reset")).hasValueSatisfying(m -> assertThat(m).contains("path"));
    assertThat(p.refusal("https://deploy.example.com/kmigrate/%252e%252e/admin")).isPresent();
  }

  @Test
  void translatedTeredoAndRelayAddressesAreSpecialToo() {
    assertThat(SpecialAddresses.kind(address("::ffff:0:7f00:1"))).hasValueSatisfying(k -> assertThat(k).contains("IPv4-translated"));
    assertThat(SpecialAddresses.kind(address("2001:0:4136:e378::1"))).hasValueSatisfying(k -> assertThat(k).contains("Teredo"));
    assertThat(SpecialAddresses.kind(address("192.88.99.1"))).isPresent();
  }

  @Test
  void oneValidationLooksEachHostUpOnceAndAtMostSoManyHosts() throws Exception {
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    OutboundPolicy p = OutboundPolicy.of("webhooks", List.of("*.example.com"), List.of(), new OwnPorts(), host -> {
      lookups.incrementAndGet();
      return new InetAddress[] {InetAddress.getByName("93.184.216.34")};
    }).lookingUpAtMost(2);

    p.refusal("https://a.example.com/1");
    p.refusal("https://a.example.com/2");
    p.refusal("https://b.example.com/1");
    p.refusal("https://c.example.com/1");

    assertThat(lookups.get()).isEqualTo(2);
  }
}
