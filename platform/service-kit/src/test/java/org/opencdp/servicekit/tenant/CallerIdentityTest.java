package org.opencdp.servicekit.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;

class CallerIdentityTest {

  @Test
  void acceptsTenantIdsOfTheDocumentedShape() {
    assertThat(CallerIdentity.isValidTenantId("demo")).isTrue();
    assertThat(CallerIdentity.isValidTenantId("acme_eu-2")).isTrue();
    assertThat(CallerIdentity.isValidTenantId("a".repeat(63))).isTrue();
  }

  @Test
  void rejectsTenantIdsThatCouldEscapeAPath() {
    for (String bad : new String[] {"", "../x", "Acme", "-acme", "a/b", "a".repeat(64), null}) {
      assertThatThrownBy(() -> new CallerIdentity(bad, "k", Set.of(), null))
          .as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void keepsRolesImmutable() {
    Set<Role> roles = new HashSet<>(Set.of(Role.ADMIN));
    CallerIdentity caller = new CallerIdentity("acme", "k", roles, null);
    roles.add(Role.PLATFORM_ADMIN);

    assertThat(caller.has(Role.ADMIN)).isTrue();
    assertThat(caller.has(Role.PLATFORM_ADMIN)).isFalse();
    assertThatThrownBy(() -> caller.roles().add(Role.APP))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapsRolesToAndFromWireNames() {
    assertThat(Role.PLATFORM_ADMIN.wireName()).isEqualTo("platform_admin");
    assertThat(Role.fromWire("analyst")).contains(Role.ANALYST);
    assertThat(Role.fromWire("ANALYST")).isEmpty();
  }

  @Test
  void answersUnauthenticatedWhenNoCallerIsSet() {
    TenantContext.clear();

    assertThat(TenantContext.find()).isEmpty();
    assertThatThrownBy(TenantContext::current)
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.code()).isEqualTo(PlatformErrorCode.UNAUTHENTICATED));
  }

  @Test
  void holdsTheCallerUntilCleared() {
    CallerIdentity caller = new CallerIdentity("acme", "k", Set.of(Role.APP), "web");
    TenantContext.set(caller);
    try {
      assertThat(TenantContext.current()).isEqualTo(caller);
    } finally {
      TenantContext.clear();
    }
    assertThat(TenantContext.find()).isEmpty();
  }
}
