package org.opencdp.servicekit.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the internal token key comes from: inline JSON, then the key file, then a new one. */
final class KeySource {

  private static final Logger log = LoggerFactory.getLogger(KeySource.class);

  private KeySource() {}

  static InternalTokenKeys keys(AuthProperties props) {
    if (props.key() != null) {
      return InternalTokenKeys.parse(props.key());
    }
    Path file = props.keyFile();
    if (Files.exists(file)) {
      return InternalTokenKeys.load(file);
    }
    if (!props.generateKeyIfMissing()) {
      throw new IllegalStateException(
          "No internal token key: set cdp.auth.key to the JWK, create "
              + file
              + ", or set cdp.auth.generate-key-if-missing=true");
    }
    InternalTokenKeys keys = InternalTokenKeys.loadOrCreate(file);
    log.info("Internal token key {} ready at {}", keys.keyId(), file.toAbsolutePath());
    return keys;
  }

  /** Whether {@link #keys} would hold a private part, found out without writing anything. */
  static boolean canSign(AuthProperties props) {
    if (props.key() != null) {
      return InternalTokenKeys.parse(props.key()).canSign();
    }
    if (Files.exists(props.keyFile())) {
      return InternalTokenKeys.load(props.keyFile()).canSign();
    }
    return props.generateKeyIfMissing();
  }
}
