package org.opencdp.servicekit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

class InternalTokenVerifierTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final InternalTokenKeys KEYS = InternalTokenKeys.generate();
  private static final CallerIdentity ACME =
      new CallerIdentity("acme", "key-1", Set.of(Role.ANALYST, Role.APP), "web");

  private final InternalTokenVerifier verifier =
      new InternalTokenVerifier(
          KEYS.publicOnly(), "opencdp-gateway", "opencdp-services", Duration.ofSeconds(5), CLOCK);

  @Test
  void verifiesWhatTheSignerMinted() {
    String token = signerAt(NOW).sign(ACME);

    assertThat(verifier.verify(token)).isEqualTo(ACME);
  }

  @Test
  void stopsAnsweringARememberedTokenOnceItExpires() {
    Instant[] now = {NOW};
    Clock moving =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    InternalTokenVerifier remembering =
        new InternalTokenVerifier(
            KEYS.publicOnly(),
            "opencdp-gateway",
            "opencdp-services",
            Duration.ofSeconds(5),
            moving);
    String token = signerAt(NOW).sign(ACME);

    assertThat(remembering.verify(token)).isEqualTo(ACME);
    assertThat(remembering.verify(token)).isEqualTo(ACME);
    now[0] = NOW.plusSeconds(70);
    assertThatThrownBy(() -> remembering.verify(token))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void neverRemembersARejectedToken() {
    String token = signerAt(NOW).sign(ACME);
    String tampered = token.substring(0, token.length() - 4) + "AAAA";

    assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(ProblemException.class);
    assertThat(verifier.verify(token)).isEqualTo(ACME);
    assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(ProblemException.class);
  }

  @Test
  void keepsAnAbsentSourceAbsent() {
    CallerIdentity noSource = new CallerIdentity("acme", "key-2", Set.of(Role.WRITE), null);

    assertThat(verifier.verify(signerAt(NOW).sign(noSource))).isEqualTo(noSource);
  }

  @Test
  void acceptsATokenExpiredWithinTheClockSkew() {
    String token = signerAt(NOW.minusSeconds(63)).sign(ACME);

    assertThat(verifier.verify(token).tenantId()).isEqualTo("acme");
  }

  @Test
  void rejectsExpiredToken() {
    String token = signerAt(NOW.minusSeconds(70)).sign(ACME);

    assertRejected(token, "Internal token expired at 2025-06-01T11:59:50Z");
  }

  @Test
  void rejectsTokenNotYetValid() {
    String token = signed(claims(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(30)))));

    assertRejected(token, "Internal token is not valid before 2025-06-01T12:00:30Z");
  }

  @Test
  void rejectsTokenIssuedInTheFuture() {
    String token = signerAt(NOW.plusSeconds(30)).sign(ACME);

    assertRejected(token, "Internal token is not valid yet: issued in the future");
  }

  @Test
  void rejectsWrongIssuer() {
    String token = signed(claims(c -> c.issuer("someone-else")));

    assertRejected(
        token, "Internal token issuer 'someone-else' is not the expected 'opencdp-gateway'");
  }

  @Test
  void rejectsWrongAudience() {
    String token = signed(claims(c -> c.audience("another-system")));

    assertRejected(
        token, "Internal token audience [another-system] does not include 'opencdp-services'");
  }

  @Test
  void rejectsTamperedPayload() {
    String[] parts = signerAt(NOW).sign(ACME).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.replace("acme", "evil").getBytes(StandardCharsets.UTF_8));

    assertRejected(
        parts[0] + "." + forged + "." + parts[2], "Internal token signature is not valid");
  }

  @Test
  void rejectsUnsignedAlgNoneToken() {
    String token = new PlainJWT(claims(c -> {})).serialize();

    assertRejected(token, "Internal token is not signed; only ES256-signed tokens are accepted");
  }

  @Test
  void rejectsHs256TokenForgedWithThePublicKeyAsSecret() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(c -> {}));
    jwt.sign(new MACSigner(KEYS.publicJson().getBytes(StandardCharsets.UTF_8)));

    assertRejected(jwt.serialize(), "Internal token uses algorithm HS256; only ES256 is accepted");
  }

  @Test
  void rejectsTokenSignedByAnotherKey() {
    String token =
        new InternalTokenSigner(
                InternalTokenKeys.generate(),
                "opencdp-gateway",
                "opencdp-services",
                Duration.ofSeconds(60),
                CLOCK)
            .sign(ACME);

    assertRejected(token, "Internal token was signed by an unknown key");
  }

  @Test
  void rejectsTokenSignedByAnotherKeyEvenWithoutKeyId() throws Exception {
    InternalTokenKeys other = InternalTokenKeys.generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims(c -> {}));
    jwt.sign(new ECDSASigner(other.jwk()));

    assertRejected(jwt.serialize(), "Internal token signature is not valid");
  }

  @Test
  void rejectsMissingTenantClaim() {
    String token = signed(claims(c -> c.claim("tenant", null)));

    assertRejected(token, "Internal token has no 'tenant' claim");
  }

  @Test
  void rejectsTenantThatIsNotATenantId() {
    String token = signed(claims(c -> c.claim("tenant", "../etc")));

    assertRejected(token, "Internal token 'tenant' claim is not a valid tenant id");
  }

  @Test
  void rejectsMissingRolesClaim() {
    String token = signed(claims(c -> c.claim("roles", null)));

    assertRejected(token, "Internal token has no 'roles' claim");
  }

  @Test
  void rejectsMissingExpiry() {
    String token = signed(claims(c -> c.expirationTime(null)));

    assertRejected(token, "Internal token has no 'exp' claim");
  }

  @Test
  void rejectsMissingSubject() {
    String token = signed(claims(c -> c.subject(null)));

    assertRejected(token, "Internal token has no 'sub' claim");
  }

  @Test
  void ignoresRolesItDoesNotKnow() {
    String token = signed(claims(c -> c.claim("roles", List.of("analyst", "astronaut"))));

    assertThat(verifier.verify(token).roles()).containsExactly(Role.ANALYST);
  }

  @Test
  void rejectsMalformedToken() {
    assertRejected("not-a-token", "Internal token is malformed");
    assertRejected("abc.def.ghi", "Internal token is malformed");
  }

  @Test
  void rejectsOversizedTokenBeforeParsing() {
    assertRejected("a".repeat(9000) + ".b.c", "Internal token is malformed");
  }

  private void assertRejected(String token, String detail) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.code()).isEqualTo(PlatformErrorCode.UNAUTHENTICATED);
              assertThat(p.detail()).startsWith(detail);
            });
  }

  private static InternalTokenSigner signerAt(Instant instant) {
    return new InternalTokenSigner(
        KEYS,
        "opencdp-gateway",
        "opencdp-services",
        Duration.ofSeconds(60),
        Clock.fixed(instant, ZoneOffset.UTC));
  }

  /** Valid claims, then changed by {@code change}. */
  private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder builder =
        new JWTClaimsSet.Builder()
            .issuer("opencdp-gateway")
            .audience("opencdp-services")
            .subject("key-1")
            .claim("tenant", "acme")
            .claim("roles", List.of("analyst"))
            .issueTime(Date.from(NOW))
            .expirationTime(Date.from(NOW.plusSeconds(60)))
            .jwtID("jti-1");
    change.accept(builder);
    return builder.build();
  }

  private static String signed(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .type(JOSEObjectType.JWT)
                  .keyID(KEYS.keyId())
                  .build(),
              claims);
      jwt.sign(new ECDSASigner(KEYS.jwk()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
