package org.opencdp.launcher.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class ServiceTest {

  private final Service gateway = new Service("gateway", 8080, false);

  @Test
  void findsOnlyARunnableJarOfTheModule() throws Exception {
    Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "home");
    Path target = Files.createDirectories(home.resolve("gateway/target"));
    assertThat(gateway.jar(home)).isEmpty();

    jar(target.resolve("gateway-0.1.0-SNAPSHOT.jar"), null);
    jar(target.resolve("gateway-0.1.0-SNAPSHOT-sources.jar"), "x.Main");
    assertThat(gateway.jar(home)).as("a plain jar cannot be started").isEmpty();

    jar(
        target.resolve("gateway-0.1.0-SNAPSHOT.jar"),
        "org.springframework.boot.loader.launch.JarLauncher");
    assertThat(gateway.jar(home)).contains(target.resolve("gateway-0.1.0-SNAPSHOT.jar"));
  }

  @Test
  void shiftedPortsMoveTheGatewaysRoutesToo() {
    var services = Services.shifted(100);
    assertThat(services).extracting(Service::port).startsWith(8180, 8181, 8182);
    assertThat(Services.urls(services))
        .containsEntry("CDP_INGEST_URL", "http://localhost:8181")
        .containsEntry("CDP_RECOMMEND_URL", "http://localhost:8186")
        .doesNotContainKey("CDP_GATEWAY_URL");
  }

  private static void jar(Path file, String mainClass) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.flush();
    }
  }
}
