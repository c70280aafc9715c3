package org.opencdp.servicekit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Objects;

/**
 * The P-256 key pair of the internal token, as a JWK: the gateway holds the private part to sign,
 * services need only the public part to verify.
 */
public final class InternalTokenKeys {

  private final ECKey jwk;

  private InternalTokenKeys(ECKey jwk) {
    this.jwk = jwk;
  }

  /** A fresh key pair, its key id the JWK thumbprint. */
  public static InternalTokenKeys generate() {
    try {
      return new InternalTokenKeys(
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate a P-256 key pair", e);
    }
  }

  /** A key from its JWK JSON, public or private; anything but an EC P-256 key is refused. */
  public static InternalTokenKeys parse(String jwkJson) {
    Objects.requireNonNull(jwkJson, "jwkJson");
    JWK parsed;
    try {
      parsed = JWK.parse(jwkJson);
    } catch (ParseException e) {
      // The message of a parse failure may quote the key material: leave it out.
      throw new IllegalArgumentException("The internal token key is not a valid JWK");
    }
    if (!(parsed instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
      throw new IllegalArgumentException("The internal token key must be an EC P-256 JWK");
    }
    return new InternalTokenKeys(ec);
  }

  public static InternalTokenKeys load(Path jwkFile) {
    try {
      return parse(Files.readString(jwkFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the internal token key " + jwkFile, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ": " + jwkFile, e);
    }
  }

  /**
   * The key in {@code jwkFile}, generating and writing a new one (readable by the owner only) when
   * the file does not exist. Processes starting together agree on one key: the file appears
   * atomically and the first writer wins.
   */
  public static InternalTokenKeys loadOrCreate(Path jwkFile) {
    if (Files.exists(jwkFile)) {
      return load(jwkFile);
    }
    InternalTokenKeys created = generate();
    try {
      Path dir = jwkFile.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".internal-token", ".tmp", ownerOnly(dir));
      try {
        Files.writeString(temp, created.toJson(), StandardCharsets.UTF_8);
        publish(temp, jwkFile);
      } finally {
        Files.deleteIfExists(temp);
      }
      return created;
    } catch (FileAlreadyExistsException anotherProcessWasFirst) {
      return load(jwkFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the internal token key " + jwkFile, e);
    }
  }

  /** Moves {@code temp} to {@code target} unless target exists, without a window between. */
  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (UnsupportedOperationException | SecurityException noHardLinks) {
      Files.move(temp, target);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  /** Whether this holds the private part, needed to sign. */
  public boolean canSign() {
    return jwk.isPrivate();
  }

  public String keyId() {
    return jwk.getKeyID();
  }

  /** The JWK JSON including the private part, when there is one: treat as a secret. */
  public String toJson() {
    return jwk.toJSONString();
  }

  /** The public JWK JSON, safe to hand to every service. */
  public String publicJson() {
    return jwk.toPublicJWK().toJSONString();
  }

  /** Only the public part, for a verifier that must never be able to sign. */
  public InternalTokenKeys publicOnly() {
    return new InternalTokenKeys(jwk.toPublicJWK());
  }

  ECKey jwk() {
    return jwk;
  }

  @Override
  public String toString() {
    // Never the key material: this ends up in logs and bean dumps.
    return "InternalTokenKeys[kid=" + keyId() + ", private=" + canSign() + "]";
  }
}
