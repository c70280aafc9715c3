package org.opencdp.servicekit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalTokenKeysTest {

  @TempDir Path dir;

  @Test
  void generatesAPrivateP256KeyWithAThumbprintKeyId() {
    InternalTokenKeys keys = InternalTokenKeys.generate();

    assertThat(keys.canSign()).isTrue();
    assertThat(keys.keyId()).isNotBlank();
    assertThat(keys.toJson()).contains("\"crv\":\"P-256\"").contains("\"d\":");
  }

  @Test
  void publicJsonLeavesThePrivatePartOut() {
    InternalTokenKeys keys = InternalTokenKeys.generate();

    InternalTokenKeys parsed = InternalTokenKeys.parse(keys.publicJson());

    assertThat(keys.publicJson()).doesNotContain("\"d\":");
    assertThat(parsed.canSign()).isFalse();
    assertThat(parsed.keyId()).isEqualTo(keys.keyId());
  }

  @Test
  void roundTripsThroughJson() {
    InternalTokenKeys keys = InternalTokenKeys.generate();

    assertThat(InternalTokenKeys.parse(keys.toJson()).toJson()).isEqualTo(keys.toJson());
  }

  @Test
  void createsTheKeyFileWithOwnerOnlyPermissions() throws Exception {
    Path file = dir.resolve("keys/nested/internal-token.jwk");

    InternalTokenKeys created = InternalTokenKeys.loadOrCreate(file);

    assertThat(file).exists();
    assertThat(InternalTokenKeys.load(file).toJson()).isEqualTo(created.toJson());
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings).containsExactly(file);
    }
  }

  @Test
  void keepsAnExistingKeyFile() {
    Path file = dir.resolve("internal-token.jwk");
    InternalTokenKeys first = InternalTokenKeys.loadOrCreate(file);

    InternalTokenKeys second = InternalTokenKeys.loadOrCreate(file);

    assertThat(second.toJson()).isEqualTo(first.toJson());
  }

  @Test
  void refusesAKeyThatIsNotEcP256() throws Exception {
    String rsa = new RSAKeyGenerator(2048).generate().toJSONString();

    assertThatThrownBy(() -> InternalTokenKeys.parse(rsa))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The internal token key must be an EC P-256 JWK");
  }

  @Test
  void refusesInvalidJsonWithoutQuotingIt() {
    assertThatThrownBy(() -> InternalTokenKeys.parse("{\"d\":\"secret-material\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret-material");
  }

  @Test
  void neverPrintsKeyMaterial() {
    InternalTokenKeys keys = InternalTokenKeys.generate();

    assertThat(keys.toString()).doesNotContain("\"d\"").contains(keys.keyId());
  }
}
