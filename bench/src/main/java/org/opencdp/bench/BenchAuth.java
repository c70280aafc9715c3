package org.opencdp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import org.opencdp.servicekit.auth.AuthProperties;
import org.opencdp.servicekit.auth.InternalTokenKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/**
 * The Authorization header a load driver sends: a write key ({@code cdp_wk_…}) as HTTP Basic for
 * the gateway, or, given the path of a data dir's internal-token key file, the internal token the
 * gateway would mint, for calling a service port directly.
 */
final class BenchAuth {

  private BenchAuth() {}

  static String header(String writeKeyOrKeyFile, String tenant) {
    if (writeKeyOrKeyFile.startsWith("cdp_wk_")) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((writeKeyOrKeyFile + ":").getBytes(StandardCharsets.UTF_8));
    }
    Path keyFile = Path.of(writeKeyOrKeyFile);
    if (!Files.isRegularFile(keyFile)) {
      throw new IllegalArgumentException(
          "expected a write key (cdp_wk_…) or an internal-token key file: " + writeKeyOrKeyFile);
    }
    // Long enough for a whole run; the services cache a verified token until it expires.
    InternalTokenSigner signer =
        new InternalTokenSigner(
            InternalTokenKeys.load(keyFile),
            AuthProperties.DEFAULT_ISSUER,
            AuthProperties.DEFAULT_AUDIENCE,
            Duration.ofHours(2),
            Clock.systemUTC());
    return "Bearer "
        + signer.sign(new CallerIdentity(tenant, "bench", EnumSet.of(Role.WRITE), "bench"));
  }
}
