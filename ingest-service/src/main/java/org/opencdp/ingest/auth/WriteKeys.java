package org.opencdp.ingest.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.servicekit.auth.CredentialResolver;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.stereotype.Component;

/**
 * The interim write-key check, until the gateway issues keys: HTTP Basic with the write key as user
 * name and an empty password, exactly as Segment's libraries send it. Keys come from {@code
 * cdp.ingest.write-keys} ({@code cdp_wk_x=tenant[:source],...}) and are held only as SHA-256
 * digests, compared in constant time.
 */
@Component
class WriteKeys implements CredentialResolver {

  private final Map<String, CallerIdentity> byDigest = new LinkedHashMap<>();

  WriteKeys(IngestProperties properties) {
    for (String entry : properties.writeKeys().split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] keyAndOwner = entry.strip().split("=", 2);
      if (keyAndOwner.length != 2 || keyAndOwner[0].isBlank() || keyAndOwner[1].isBlank()) {
        throw new IllegalArgumentException(
            "cdp.ingest.write-keys entries look like key=tenant[:source]; got an entry without '='");
      }
      String[] owner = keyAndOwner[1].split(":", 2);
      String source =
          owner.length == 2 ? owner[1] : "wk-" + digest(keyAndOwner[0]).substring(0, 12);
      byDigest.put(
          digest(keyAndOwner[0]),
          new CallerIdentity(owner[0], source, EnumSet.of(Role.WRITE), source));
    }
  }

  @Override
  public Optional<CallerIdentity> resolve(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String user = basicUser(header.substring(6).strip());
    String presented = digest(user);
    CallerIdentity found = null;
    for (Map.Entry<String, CallerIdentity> e : byDigest.entrySet()) {
      if (MessageDigest.isEqual(
          e.getKey().getBytes(StandardCharsets.US_ASCII),
          presented.getBytes(StandardCharsets.US_ASCII))) {
        found = e.getValue();
      }
    }
    if (found == null) {
      throw new ProblemException(IngestErrorCode.INVALID_WRITE_KEY, "the write key is not known")
          .header("WWW-Authenticate", "Basic realm=\"opencdp\"");
    }
    return Optional.of(found);
  }

  private static String basicUser(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.substring(0, colon) : decoded;
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
              IngestErrorCode.INVALID_WRITE_KEY,
              "the Authorization header is not valid HTTP Basic (base64 of 'writeKey:')")
          .header("WWW-Authenticate", "Basic realm=\"opencdp\"");
    }
  }

  static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
