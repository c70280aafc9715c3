package org.opencdp.quality.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.TestEvents;
import org.springframework.util.unit.DataSize;

/**
 * hadoop-client-api is a compile-time dependency only (provided): the lake must write and read its
 * footers in a JVM that has no Hadoop class at all, as the packaged service does.
 */
class NoHadoopTest {

  @TempDir Path lake;

  @Test
  void writesAndReadsFootersAndColumnsWithNoHadoopOnTheClassPath() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("/org/apache/hadoop/")) // parquet-hadoop stays
            .collect(Collectors.joining(File.pathSeparator));
    Path log = lake.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                classPath,
                NoHadoopTest.class.getName(),
                lake.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("coverage {raw-0=[5]}");
    assertThat(Files.readString(log)).contains("read message_id m-1");
    assertThat(Files.readString(log)).contains("compacted rows 2 into 1");
    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(duck.countEvents()).isEqualTo(2);
    }
  }

  /** The child: writes one file and reads its coverage back. */
  public static void main(String[] args) {
    try {
      Class.forName("org.apache.hadoop.conf.Configuration");
      System.out.println("Hadoop is on the class path: the test proves nothing");
      System.exit(2);
    } catch (ClassNotFoundException expected) {
      // as in the packaged service
    }
    LakeProperties properties =
        new LakeProperties(
            Path.of(args[0]),
            DataSize.ofMegabytes(64),
            Duration.ofSeconds(2),
            100,
            DataSize.ofMegabytes(8));
    SourceCoverage coverage = new SourceCoverage();
    coverage.add(new SourcePartition("raw", 0), 5);
    EventRow row =
        EventRow.of(TestEvents.order("acme", "m-1", Instant.parse("2026-12-03T10:00:00Z"), 1));
    new LakeWriter(properties, Clock.systemUTC())
        .writeEvents("acme", LocalDate.of(2026, 12, 3), List.of(row), coverage);
    System.out.println(
        "coverage " + new Lake(properties).recordedCoverage(LakeTable.EVENTS).partitions());
    // deduplication and the quarantine index read columns back at start: no Hadoop either
    Path file = new Lake(properties).files(LakeTable.EVENTS).get(0);
    Object id = LakeReader.read(file, List.of("message_id", "revenue")).get(0).get("message_id");
    System.out.println("read message_id " + new String((byte[]) id, StandardCharsets.UTF_8));
    // compaction reads whole files and writes a merged one: no Hadoop either
    SourceCoverage second = new SourceCoverage();
    second.add(new SourcePartition("raw", 0), 6);
    EventRow later =
        EventRow.of(TestEvents.order("acme", "m-2", Instant.parse("2026-12-03T11:00:00Z"), 2));
    LakeWriter writer = new LakeWriter(properties, Clock.systemUTC());
    writer.writeEvents("acme", LocalDate.of(2026, 12, 3), List.of(later), second);
    Lake lake = new Lake(properties);
    LakeMerge.Prepared merged =
        LakeMerge.prepare(
            writer,
            LakeTable.EVENTS,
            lake.partition(LakeTable.EVENTS, "acme", LocalDate.of(2026, 12, 3)),
            lake.files(LakeTable.EVENTS));
    merged.commit();
    merged.removeInputs();
    System.out.println(
        "compacted rows " + merged.file().rows() + " into " + lake.files(LakeTable.EVENTS).size());
  }
}
