package org.opencdp.launcher.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The demo's files under {@code <data>/demo}: ground truth, weather, the load marker, NDJSON. */
public final class DemoFiles {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;

  public DemoFiles(Path dataDir) {
    this.dir = dataDir.resolve("demo");
  }

  public Path groundTruth() {
    return dir.resolve("ground-truth.json");
  }

  public Path marker() {
    return dir.resolve("loaded.json");
  }

  public boolean loaded() {
    return Files.exists(marker());
  }

  /** Writes ground-truth.json and weather.csv for a generator that has run. */
  public void writeTruth(DemoGenerator generator) {
    write(
        groundTruth(),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generator.groundTruth().toJson()));
    write(dir.resolve("weather.csv"), generator.weatherCsv());
  }

  /** Records that the demo tenant holds this spec's data, so a second load does not repeat it. */
  public void markLoaded(DemoSpec spec, DemoLoader.Result result) {
    ObjectNode marker = JSON.createObjectNode();
    marker.put("seed", spec.seed());
    marker.put("customers", spec.customers());
    marker.put("days", spec.days());
    marker.put("endDate", spec.endDate().toString());
    marker.put("events", result.events());
    marker.put("quarantinedAtIngest", result.quarantined());
    marker.put("documents", result.documents());
    marker.put("loadedAt", java.time.Instant.now().toString());
    write(marker(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(marker));
  }

  /** Generates the stream into an NDJSON file (one event a line) and answers how many events. */
  public static long writeNdjson(DemoGenerator generator, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        long[] count = new long[1];
        generator.generate(
            new DemoSink() {
              @Override
              public void event(ObjectNode event) {
                try {
                  out.write(JSON.writeValueAsBytes(event));
                  out.write('\n');
                  count[0]++;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }

              @Override
              public void dayDone(LocalDate day, int index, int days) {}
            });
        return count[0];
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private void write(Path file, String text) {
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve("." + file.getFileName() + ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
