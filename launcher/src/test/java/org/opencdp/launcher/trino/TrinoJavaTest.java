package org.opencdp.launcher.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoJavaTest {

  @TempDir Path jvms;

  @Test
  void picksTheNewestJdkOf24OrNewerUnderTheJvmFolder() throws Exception {
    jdk("java-17-openjdk", "17.0.15");
    jdk("jdk-24", "24.0.1");
    Path newest = jdk("temurin-25-jdk", "25.0.1");
    Files.createDirectories(jvms.resolve("not-a-jdk"));

    assertThat(TrinoJava.find(Map.of(), jvms)).contains(new TrinoJava(newest, 25));
  }

  @Test
  void theEnvironmentVariableWinsAndAnOlderJdkThereIsRefusedNamingIt() throws Exception {
    jdk("temurin-25-jdk", "25.0.1");
    Path old = jdk("java-17-openjdk", "17.0.15");
    Map<String, String> env = Map.of(TrinoJava.JAVA_HOME_KEY, old.toString());

    assertThat(TrinoJava.find(env, jvms)).isEmpty();
    assertThat(TrinoJava.notFound(env, jvms))
        .contains("JDK 24 or newer", "CDP_TRINO_JAVA_HOME=" + old, "is Java 17");
  }

  @Test
  void withoutAnyJdkTheRefusalSaysWhereItLookedAndWhatToSet() {
    assertThat(TrinoJava.find(Map.of(), jvms)).isEmpty();
    assertThat(TrinoJava.find(Map.of(), jvms.resolve("absent"))).isEmpty();
    assertThat(TrinoJava.notFound(Map.of(), jvms))
        .contains(jvms.toString(), "CDP_TRINO_JAVA_HOME", "--engine duckdb");
  }

  private Path jdk(String name, String version) throws Exception {
    Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
    Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        jvms.resolve(name).resolve("release"),
        "JAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    return jvms.resolve(name);
  }
}
