package org.opencdp.launcher.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoInstallTest {

  @TempDir Path checkout;

  @Test
  void isTheReleaseTheWholeBuildUses() throws Exception {
    Matcher m =
        Pattern.compile("<trino.version>([^<]+)</trino.version>")
            .matcher(Files.readString(Path.of("..", "pom.xml")));
    assertThat(m.find()).isTrue();
    assertThat(TrinoInstall.bundledVersion()).isEqualTo(m.group(1));
  }

  @Test
  void findsTheTarballInTheLocalRepositoryTheWrapperUses() throws Exception {
    Files.createDirectories(checkout.resolve(".mvn"));
    Files.writeString(
        checkout.resolve(".mvn/maven.config"),
        "-B\n-Dmaven.repo.local=${session.rootDirectory}/.cache/m2\n");
    TrinoInstall install = TrinoInstall.of(checkout, Map.of(), checkout.resolve("logs"));

    assertThat(install.tarball())
        .isEqualTo(
            checkout.resolve(
                ".cache/m2/io/trino/trino-server/"
                    + install.version()
                    + "/trino-server-"
                    + install.version()
                    + ".tar.gz"));
    assertThat(install.serverHome())
        .isEqualTo(checkout.resolve(".cache/trino/trino-server-" + install.version()));
  }

  @Test
  void unpacksADownloadedTarballOnceAndMarksItLikeTheQueryServiceBuild() throws Exception {
    TrinoInstall install = TrinoInstall.of(checkout, Map.of(), checkout.resolve("logs"));
    Path tarball = install.tarball();
    Path content = Files.createDirectories(checkout.resolve("pack/trino-server-x/bin"));
    Files.writeString(content.resolve("launcher"), "#!/bin/sh\n");
    Files.createDirectories(tarball.getParent());
    Process tar =
        new ProcessBuilder(
                "tar",
                "czf",
                tarball.toString(),
                "-C",
                checkout.resolve("pack").toString(),
                "--transform",
                "s/trino-server-x/" + install.serverHome().getFileName() + "/",
                "trino-server-x")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    List<String> progress = new ArrayList<>();

    assertThat(install.ensure(progress::add)).isEqualTo(install.serverHome());

    assertThat(install.serverHome().resolve("bin/launcher")).exists();
    assertThat(install.serverHome().resolve(".unpacked")).exists();
    assertThat(progress).anyMatch(line -> line.startsWith("unpacking "));
    progress.clear();
    Files.delete(tarball);
    assertThat(install.ensure(progress::add)).isEqualTo(install.serverHome());
    assertThat(progress).as("nothing to do the second time").isEmpty();
  }

  @Test
  void refusesAConfiguredServerFolderWithoutAServerInIt() throws Exception {
    Path empty = Files.createDirectories(checkout.resolve("elsewhere"));
    TrinoInstall install =
        TrinoInstall.of(
            checkout, Map.of(TrinoInstall.HOME_KEY, empty.toString()), checkout.resolve("logs"));
    assertThatThrownBy(() -> install.ensure(line -> {}))
        .isInstanceOf(TrinoInstall.Failed.class)
        .hasMessageContaining("CDP_TRINO_HOME=" + empty);
  }
}
