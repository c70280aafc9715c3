package org.opencdp.servicekit.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks (and the gateway mints) the internal token.
 *
 * @param enabled whether the auth filter guards the service's endpoints
 * @param issuer the {@code iss} the gateway writes and services demand
 * @param audience the {@code aud} the gateway writes and services demand
 * @param tokenTtl how long a minted token lives
 * @param clockSkew how far clocks of gateway and service may disagree
 * @param keyFile the JWK file; defaults to {@code <cdp.data-dir>/keys/internal-token.jwk}
 * @param key the JWK itself (JSON), which wins over the file: for secrets from the environment
 * @param generateKeyIfMissing whether a missing key file is created with a new key pair
 * @param publicPaths request paths (Spring path patterns) served without a token
 */
@ConfigurationProperties("cdp.auth")
public record AuthProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(DEFAULT_ISSUER) String issuer,
    @DefaultValue(DEFAULT_AUDIENCE) String audience,
    @DefaultValue("60s") Duration tokenTtl,
    @DefaultValue("5s") Duration clockSkew,
    Path keyFile,
    String key,
    @DefaultValue("true") boolean generateKeyIfMissing,
    @DefaultValue({
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/prometheus",
          "/actuator/info",
          "/v3/api-docs",
          "/v3/api-docs/**",
          "/error"
        })
        List<String> publicPaths) {

  public static final String DEFAULT_ISSUER = "opencdp-gateway";
  public static final String DEFAULT_AUDIENCE = "opencdp-services";

  /**
   * Where the key file lives when nothing says otherwise. Service-kit's default properties set
   * {@code cdp.auth.key-file} from {@code cdp.data-dir}; this is the same place for code that binds
   * the record without them.
   */
  public static final Path DEFAULT_KEY_FILE = Path.of("./data/keys/internal-token.jwk");

  /** The {@code public-paths} default (kept equal to the annotation above by a test). */
  public static final List<String> DEFAULT_PUBLIC_PATHS =
      List.of(
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/prometheus",
          "/actuator/info",
          "/v3/api-docs",
          "/v3/api-docs/**",
          "/error");

  public AuthProperties {
    require(issuer != null && !issuer.isBlank(), "cdp.auth.issuer must not be blank");
    require(audience != null && !audience.isBlank(), "cdp.auth.audience must not be blank");
    require(isPositive(tokenTtl), "cdp.auth.token-ttl must be positive");
    require(clockSkew != null && !clockSkew.isNegative(), "cdp.auth.clock-skew must be >= 0");
    keyFile = keyFile == null ? DEFAULT_KEY_FILE : keyFile;
    key = key == null || key.isBlank() ? null : key.strip();
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
  }

  /** The defaults, as if nothing were configured. */
  public static AuthProperties defaults() {
    return new AuthProperties(
        true,
        DEFAULT_ISSUER,
        DEFAULT_AUDIENCE,
        Duration.ofSeconds(60),
        Duration.ofSeconds(5),
        null,
        null,
        true,
        DEFAULT_PUBLIC_PATHS);
  }

  private static boolean isPositive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
