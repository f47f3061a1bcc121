package io.kmigrate.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.api.AuthSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which API a configuration gets (tokens required, or open) and how bad user lists are refused. */
class ApiAuthModeTest {
  static final String TOKEN = "0123456789abcdef0123";
  static final SecretResolver ENV = new SecretResolver(Map.of("OTTO_TOKEN", TOKEN, "SHORT", "abc", "ANNA_TOKEN", TOKEN + "-anna")::get);

  static AuthSettings auth(boolean open, AuthSettings.User... users) {
    AuthSettings auth = new AuthSettings();
    auth.open = open;
    auth.users = List.of(users);
    return auth;
  }

  static AuthSettings.User user(String name, String token, String... roles) {
    return new AuthSettings.User(name, token, Set.of(roles));
  }

  @Test
  void usersRequireTokensWhateverTheTemporal() {
    AuthSettings withUsers = auth(false, user("otto", "${env:OTTO_TOKEN}", Roles.OPERATOR));

    assertThat(ApiAuth.mode(withUsers, true)).isEqualTo(ApiAuth.Mode.ENFORCED);
    assertThat(ApiAuth.mode(withUsers, false)).isEqualTo(ApiAuth.Mode.ENFORCED);
  }

  @Test
  void noUsersIsOpenOnTheEmbeddedTemporalOrWhenOpenIsSaid() {
    assertThat(ApiAuth.mode(auth(false), true)).isEqualTo(ApiAuth.Mode.OPEN_EMBEDDED);
    assertThat(ApiAuth.mode(auth(true), false)).isEqualTo(ApiAuth.Mode.OPEN_BY_CHOICE);
  }

  @Test
  void noUsersBesideARealTemporalIsRefusedNamingBothFixes() {
    assertThatThrownBy(() -> ApiAuth.mode(auth(false), false))
        .hasMessageStartingWith("auth.users is empty and temporal.address is set")
        .hasMessageContaining("Add auth.users").hasMessageContaining("auth.open: true");
  }

  @Test
  void usersAndOpenTogetherAreRefused() {
    assertThatThrownBy(() -> ApiAuth.mode(auth(true, user("otto", "${env:OTTO_TOKEN}", Roles.OPERATOR)), false))
        .hasMessageStartingWith("auth.open is true but auth.users lists 1 user(s)");
  }

  @Test
  void aTokenIsFoundByItsValueOnlyAndTheRolesComeWithIt() {
    ApiUsers users = ApiUsers.resolve(List.of(
        user("otto", "${env:OTTO_TOKEN}", Roles.OPERATOR), user("anna", "${env:ANNA_TOKEN}", Roles.APPROVER, Roles.VIEWER)), ENV);

    assertThat(users.find(TOKEN)).contains(new Caller("otto", Set.of(Roles.OPERATOR)));
    assertThat(users.find(TOKEN + "-anna").map(Caller::roles)).contains(Set.of(Roles.APPROVER, Roles.VIEWER));
    assertThat(users.find(TOKEN + " ")).isEmpty();
    assertThat(users.find("")).isEmpty();
  }

  @Test
  void everyRoleGrantsReadingButOnlyItselfBeyond() {
    assertThat(Roles.grants(Set.of(Roles.OPERATOR), Roles.VIEWER)).isTrue();
    assertThat(Roles.grants(Set.of(Roles.APPROVER), Roles.VIEWER)).isTrue();
    assertThat(Roles.grants(Set.of(Roles.VIEWER), Roles.OPERATOR)).isFalse();
    assertThat(Roles.grants(Set.of(Roles.OPERATOR), Roles.APPROVER)).isFalse();
    assertThat(Roles.grants(Set.of(), Roles.VIEWER)).isFalse();
  }

  @Test
  void badUserListsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(user("otto", TOKEN, Roles.OPERATOR)), ENV))
        .hasMessage("auth.users[0].token: give the token as ${env:NAME} or ${file:/path}, not in clear in the configuration");
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(user("otto", "prefix-${env:OTTO_TOKEN}", Roles.OPERATOR)), ENV))
        .hasMessageStartingWith("auth.users[0].token: give the token as");
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(user("otto", "${env:SHORT}", Roles.OPERATOR)), ENV))
        .hasMessage("auth.users[0].token: ${env:SHORT} holds 3 characters; use at least 16 (e.g. openssl rand -hex 32)");
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(user("otto", "${env:MISSING}", Roles.OPERATOR)), ENV))
        .hasMessageContaining("auth.users[0].token").hasMessageContaining("MISSING");
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(user("otto", "${env:OTTO_TOKEN}", "admin")), ENV))
        .hasMessage("auth.users[0].roles: 'admin' is not a role: use viewer, operator, approver");
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(
        user("otto", "${env:OTTO_TOKEN}", Roles.OPERATOR), user("otto", "${env:ANNA_TOKEN}", Roles.APPROVER)), ENV))
        .hasMessage("auth.users[1].name: 'otto' is also auth.users[0]'s name: give each user its own");
    assertThatThrownBy(() -> ApiUsers.resolve(List.of(
        user("otto", "${env:OTTO_TOKEN}", Roles.OPERATOR), user("anna", "${env:OTTO_TOKEN}", Roles.APPROVER)), ENV))
        .hasMessage("auth.users[1].token is the same as auth.users[0].token: give each user a token of its own");
  }
}
