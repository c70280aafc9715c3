package org.opencdp.gateway.tenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencdp.gateway.GatewayProperties;
import org.opencdp.gateway.keys.KeyKind;
import org.opencdp.gateway.keys.KeyMaterial;
import org.opencdp.gateway.keys.PlatformAdminKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the platform admin key comes from: {@code cdp.gateway.platform-admin-key} when set; else,
 * locally, the credentials file, written on first start with a new admin key and the keys of the
 * demo tenant (owner-readable only).
 */
@Configuration(proxyBeanMethods = false)
class LocalCredentials {

  private static final Logger log = LoggerFactory.getLogger(LocalCredentials.class);

  static final String ADMIN_KEY = "CDP_ADMIN_KEY";

  @Bean
  PlatformAdminKey platformAdminKey(GatewayProperties props, Tenants tenants, Environment env) {
    if (props.platformAdminKey() != null) {
      return PlatformAdminKey.of(props.platformAdminKey());
    }
    Path file = props.credentialsFile();
    if (file == null) {
      log.warn("No platform admin key: set cdp.gateway.platform-admin-key (CDP_ADMIN_KEY)");
      return PlatformAdminKey.none();
    }
    Map<String, String> existing = read(file);
    if (existing.containsKey(ADMIN_KEY)) {
      return PlatformAdminKey.of(existing.get(ADMIN_KEY));
    }
    String adminKey = KeyMaterial.newKey(KeyKind.PLATFORM);
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("CDP_GATEWAY_URL", "http://localhost:" + env.getProperty("server.port", "8080"));
    lines.put(ADMIN_KEY, adminKey);
    String demo = props.demoTenant();
    if (!demo.isEmpty() && !tenants.exists(demo)) {
      Tenants.Created created = tenants.create(demo, "Demo");
      lines.put("CDP_TENANT", created.tenantId());
      lines.put("CDP_WRITE_KEY", created.writeKey());
      lines.put("CDP_SECRET_KEY", created.secretKey());
    }
    write(file, lines);
    log.info("Wrote local credentials (admin key, demo tenant keys) to {}", file.toAbsolutePath());
    return PlatformAdminKey.of(adminKey);
  }

  /** {@code KEY=value} lines; an absent file is empty. */
  static Map<String, String> read(Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return values;
  }

  private static void write(Path file, Map<String, String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp =
          Files.createTempFile(
              dir,
              ".credentials",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
