package org.opencdp.servicekit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/**
 * Checks an internal token strictly (ES256 only, issuer, audience, lifetime, claims) and answers
 * the caller it stands for, or a 401 problem that says what was wrong with it.
 */
public final class InternalTokenVerifier {

  /** Far above any real token: refusing longer input before parsing keeps parsing cheap. */
  private static final int MAX_TOKEN_LENGTH = 8192;

  /** Bounded: beyond this many live tokens the memory starts over rather than grow. */
  private static final int MAX_REMEMBERED = 10_000;

  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  private final ECDSAVerifier verifier;
  private final String keyId;
  private final String issuer;
  private final String audience;
  private final Duration clockSkew;
  private final Clock clock;

  public InternalTokenVerifier(InternalTokenKeys keys, AuthProperties props) {
    this(keys, props.issuer(), props.audience(), props.clockSkew(), Clock.systemUTC());
  }

  public InternalTokenVerifier(
      InternalTokenKeys keys, String issuer, String audience, Duration clockSkew, Clock clock) {
    try {
      this.verifier = new ECDSAVerifier(keys.jwk().toPublicJWK());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("Unusable verification key: " + keys, e);
    }
    this.keyId = keys.keyId();
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The caller a token stands for. A token already verified is answered from memory until it
   * expires: ES256 verification costs over a millisecond on Java 17, and one token is usually sent
   * many times. The memory holds only the exact token strings that passed every check.
   */
  public CallerIdentity verify(String token) {
    Verified known = token == null ? null : verified.get(token);
    if (known != null && clock.instant().isBefore(known.expiresAt())) {
      return known.caller();
    }
    SignedJWT jwt = parseSigned(token);
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw rejected("Internal token is malformed: its claims are not a JSON object");
    }
    checkIssuerAndAudience(claims);
    checkLifetime(claims);
    CallerIdentity caller = identity(claims);
    remember(token, caller, claims.getExpirationTime().toInstant());
    return caller;
  }

  private record Verified(CallerIdentity caller, Instant expiresAt) {}

  private void remember(String token, CallerIdentity caller, Instant expiresAt) {
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(token, new Verified(caller, expiresAt));
  }

  private SignedJWT parseSigned(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw rejected("Internal token is malformed");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      throw rejected("Internal token is malformed");
    }
    if (!(parsed instanceof SignedJWT jwt)) {
      throw rejected("Internal token is not signed; only ES256-signed tokens are accepted");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!JWSAlgorithm.ES256.equals(alg)) {
      throw rejected("Internal token uses algorithm " + alg + "; only ES256 is accepted");
    }
    String kid = jwt.getHeader().getKeyID();
    if (kid != null && keyId != null && !kid.equals(keyId)) {
      throw rejected("Internal token was signed by an unknown key");
    }
    boolean valid;
    try {
      valid = jwt.verify(verifier);
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw rejected("Internal token signature is not valid");
    }
    return jwt;
  }

  private void checkIssuerAndAudience(JWTClaimsSet claims) {
    if (!issuer.equals(claims.getIssuer())) {
      throw rejected(
          "Internal token issuer '"
              + claims.getIssuer()
              + "' is not the expected '"
              + issuer
              + "'");
    }
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(audience)) {
      throw rejected("Internal token audience " + aud + " does not include '" + audience + "'");
    }
  }

  private void checkLifetime(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Instant expires = instant(claims.getExpirationTime(), "exp");
    Instant issued = instant(claims.getIssueTime(), "iat");
    if (now.minus(clockSkew).isAfter(expires)) {
      throw rejected("Internal token expired at " + expires);
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
      throw rejected("Internal token is not valid before " + notBefore.toInstant());
    }
    if (now.plus(clockSkew).isBefore(issued)) {
      throw rejected("Internal token is not valid yet: issued in the future at " + issued);
    }
  }

  private CallerIdentity identity(JWTClaimsSet claims) {
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw rejected("Internal token has no 'sub' claim");
    }
    String tenant = stringClaim(claims, InternalTokenSigner.TENANT);
    if (tenant == null) {
      throw rejected("Internal token has no 'tenant' claim");
    }
    if (!CallerIdentity.isValidTenantId(tenant)) {
      throw rejected("Internal token 'tenant' claim is not a valid tenant id");
    }
    List<String> roleNames;
    try {
      roleNames = claims.getStringListClaim(InternalTokenSigner.ROLES);
    } catch (ParseException e) {
      throw rejected("Internal token 'roles' claim is not a list of strings");
    }
    if (roleNames == null) {
      throw rejected("Internal token has no 'roles' claim");
    }
    // Role names this service does not know are ignored: a newer gateway may grant newer roles.
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roleNames.forEach(name -> Role.fromWire(name).ifPresent(roles::add));
    String source = stringClaim(claims, InternalTokenSigner.SOURCE);
    return new CallerIdentity(tenant, subject, roles, source);
  }

  private static Instant instant(Date date, String claim) {
    if (date == null) {
      throw rejected("Internal token has no '" + claim + "' claim");
    }
    return date.toInstant();
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw rejected("Internal token '" + name + "' claim is not a string");
    }
  }

  private static ProblemException rejected(String detail) {
    return new ProblemException(PlatformErrorCode.UNAUTHENTICATED, detail);
  }
}
