package org.opencdp.servicekit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

class InternalTokenSignerTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final CallerIdentity ACME =
      new CallerIdentity("acme", "k1", Set.of(Role.WRITE), "k1");
  private final Instant[] now = {NOW};
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now[0];
        }
      };
  private final InternalTokenSigner signer =
      new InternalTokenSigner(
          InternalTokenKeys.generate(),
          "opencdp-gateway",
          "opencdp-services",
          Duration.ofSeconds(60),
          clock);

  @Test
  void reusesACallersTokenForTheFirstHalfOfItsLife() {
    String first = signer.sign(ACME);
    now[0] = NOW.plusSeconds(29);
    assertThat(signer.sign(ACME)).isEqualTo(first);
    now[0] = NOW.plusSeconds(30);
    assertThat(signer.sign(ACME)).isNotEqualTo(first);
  }

  @Test
  void neverHandsOneCallersTokenToAnother() {
    CallerIdentity other = new CallerIdentity("globex", "k2", Set.of(Role.WRITE), "k2");
    assertThat(signer.sign(ACME)).isNotEqualTo(signer.sign(other));
  }
}
