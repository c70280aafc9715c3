package org.opencdp.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class NativeLz4Test {

  /** lz4-java loaded apart from the system class loader, as a Spring Boot jar loads it. */
  static URLClassLoader isolatedLz4() throws Exception {
    URL jar =
        Class.forName("net.jpountz.lz4.LZ4Factory")
            .getProtectionDomain()
            .getCodeSource()
            .getLocation();
    return new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void makesTheNativeImplementationTheFastestOutsideTheSystemClassLoader() throws Exception {
    try (URLClassLoader loader = isolatedLz4()) {
      assertThat(NativeLz4.isNativeFastest(loader))
          .as("lz4-java on its own, outside the system class loader")
          .isFalse();
      assertThat(NativeLz4.load(loader)).isTrue();
      assertThat(NativeLz4.isNativeFastest(loader)).isTrue();
    }
  }

  @Test
  void aMissingLibraryLeavesEverythingAsItWas() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(NativeLz4.load(empty)).isFalse();
    }
  }
}
