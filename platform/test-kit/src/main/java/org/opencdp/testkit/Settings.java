package org.opencdp.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code cdp.test.*} settings: a system property wins over its environment variable ({@code
 * cdp.test.redis.port} → {@code CDP_TEST_REDIS_PORT}).
 */
final class Settings {

  private final UnaryOperator<String> lookup;

  private Settings(UnaryOperator<String> lookup) {
    this.lookup = lookup;
  }

  /** Read at every call, so a test may change a property and see the effect. */
  static Settings current() {
    return new Settings(
        key -> {
          String value = System.getProperty(key);
          return value != null ? value : System.getenv(environmentName(key));
        });
  }

  static Settings of(Map<String, String> values) {
    return new Settings(values::get);
  }

  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  Mode mode() {
    return Mode.parse(get("cdp.test.infra").orElse("auto"));
  }

  String postgresHost() {
    return get("cdp.test.postgres.host").orElse("127.0.0.1");
  }

  int postgresPort() {
    return port("cdp.test.postgres.port", 5432);
  }

  Optional<String> postgresUser() {
    return get("cdp.test.postgres.user");
  }

  String postgresPassword() {
    return get("cdp.test.postgres.password").orElse("");
  }

  String redisHost() {
    return get("cdp.test.redis.host").orElse("127.0.0.1");
  }

  int redisPort() {
    return port("cdp.test.redis.port", 6379);
  }

  /** The container image for a kind, {@code cdp.test.kafka.image} and so on. */
  String image(String kind, String fallback) {
    return get("cdp.test." + kind + ".image").orElse(fallback);
  }

  private int port(String key, int fallback) {
    try {
      return get(key).map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + get(key).orElseThrow() + " is not a port");
    }
  }

  private Optional<String> get(String key) {
    return Optional.ofNullable(lookup.apply(key)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
