package org.opencdp.servicekit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/** Mints the internal token the gateway sends to services on behalf of a checked caller. */
public final class InternalTokenSigner {

  static final String TENANT = "tenant";
  static final String ROLES = "roles";
  static final String SOURCE = "source";

  /** Bounded: beyond this many callers the memory starts over rather than grow. */
  private static final int MAX_REMEMBERED = 10_000;

  private final ConcurrentHashMap<CallerIdentity, Issued> recent = new ConcurrentHashMap<>();
  private final ECDSASigner signer;
  private final JWSHeader header;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final Clock clock;

  public InternalTokenSigner(InternalTokenKeys keys, AuthProperties props) {
    this(keys, props.issuer(), props.audience(), props.tokenTtl(), Clock.systemUTC());
  }

  public InternalTokenSigner(
      InternalTokenKeys keys, String issuer, String audience, Duration ttl, Clock clock) {
    if (!keys.canSign()) {
      throw new IllegalArgumentException("Signing needs the private part of the key: " + keys);
    }
    try {
      this.signer = new ECDSASigner(keys.jwk());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("Unusable signing key: " + keys, e);
    }
    this.header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(JOSEObjectType.JWT)
            .keyID(keys.keyId())
            .build();
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A compact JWS for the identity, valid for the configured time to live. The same caller gets the
   * same token for the first half of its life: signing costs about a millisecond, and services then
   * answer a known token from memory. A token is never handed out with less than half its life
   * left.
   */
  public String sign(CallerIdentity identity) {
    Instant now = clock.instant();
    Issued issued = recent.get(identity);
    if (issued != null && now.isBefore(issued.reuseUntil())) {
      return issued.token();
    }
    String token = mint(identity, now);
    if (recent.size() >= MAX_REMEMBERED) {
      recent.clear();
    }
    recent.put(identity, new Issued(token, now.plus(ttl.dividedBy(2))));
    return token;
  }

  private record Issued(String token, Instant reuseUntil) {}

  private String mint(CallerIdentity identity, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(identity.keyId())
            .claim(TENANT, identity.tenantId())
            .claim(ROLES, identity.roles().stream().map(Role::wireName).sorted().toList())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
    if (identity.sourceId() != null) {
      claims.claim(SOURCE, identity.sourceId());
    }
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign the internal token", e);
    }
    return jwt.serialize();
  }
}
