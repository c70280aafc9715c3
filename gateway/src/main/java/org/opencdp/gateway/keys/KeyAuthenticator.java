package org.opencdp.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.stereotype.Component;

/**
 * Turns an {@code Authorization} header into the caller it stands for: a write key as the HTTP
 * Basic user name (Segment style), a secret or platform key as a Bearer token.
 */
@Component
public class KeyAuthenticator {

  private static final int MAX_KEY_LENGTH = 200;

  private final KeyLookup lookup;
  private final PlatformAdminKey platformKey;

  public KeyAuthenticator(KeyLookup lookup, PlatformAdminKey platformKey) {
    this.lookup = lookup;
    this.platformKey = platformKey;
  }

  /**
   * @throws ProblemException a 401 when the header is missing, unreadable, or names no live key
   */
  public Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new ProblemException(
          GatewayErrorCode.MISSING_KEY,
          "Send a write key as HTTP Basic user name, or a secret key as 'Authorization: Bearer'");
    }
    String key = presentedKey(authorization.strip());
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw invalid();
    }
    String hash = KeyMaterial.hash(key);
    if (platformKey.matchesHash(hash)) {
      return new Caller(
          null, PlatformAdminKey.KEY_ID, KeyKind.PLATFORM, Set.of(Role.PLATFORM_ADMIN));
    }
    ApiKey stored = lookup.findByHash(hash).orElseThrow(KeyAuthenticator::invalid);
    if (stored.revoked()) {
      throw new ProblemException(GatewayErrorCode.REVOKED_KEY, "The key has been revoked");
    }
    return Caller.of(stored);
  }

  private static String presentedKey(String authorization) {
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        throw invalid();
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      if (!user.startsWith(KeyKind.WRITE.prefix())) {
        throw new ProblemException(
            GatewayErrorCode.INVALID_KEY,
            "HTTP Basic carries write keys only; send others as Bearer");
      }
      return user;
    }
    throw new ProblemException(
        GatewayErrorCode.INVALID_KEY, "Unsupported authorization scheme: use Basic or Bearer");
  }

  private static ProblemException invalid() {
    return new ProblemException(GatewayErrorCode.INVALID_KEY, "The key is not valid");
  }
}
