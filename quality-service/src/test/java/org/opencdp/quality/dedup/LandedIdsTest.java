package org.opencdp.quality.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.TestEvents;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeMerge;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourceCoverage;
import org.springframework.util.unit.DataSize;

/** The window survives a restart: it is refilled from the lake's recent events files. */
class LandedIdsTest {

  @TempDir Path root;

  LakeProperties properties() {
    return new LakeProperties(
        root, DataSize.ofMegabytes(64), Duration.ofSeconds(2), 100, DataSize.ofMegabytes(8));
  }

  @Test
  void refillsTheWindowFromFilesWrittenWithinIt() {
    LakeProperties properties = properties();
    Instant written = Instant.parse("2026-12-03T10:00:00Z");
    LakeWriter old =
        new LakeWriter(properties, Clock.fixed(written.minus(Duration.ofDays(3)), ZoneOffset.UTC));
    LakeWriter recent = new LakeWriter(properties, Clock.fixed(written, ZoneOffset.UTC));
    LocalDate day = LocalDate.of(2026, 12, 3);
    old.writeEvents(
        "acme",
        day,
        List.of(EventRow.of(TestEvents.order("acme", "old-1", written, 1))),
        new SourceCoverage());
    recent.writeEvents(
        "acme",
        day,
        List.of(EventRow.of(TestEvents.order("acme", "new-1", written, 1))),
        new SourceCoverage());

    DedupWindow window = new DedupWindow(Duration.ofHours(24));
    LandedIds.load(new Lake(properties), window, written.plus(Duration.ofHours(1)));

    assertThat(window.seenElseHold("acme", "new-1")).isTrue();
    assertThat(window.seenElseHold("acme", "old-1")).as("outside the window").isFalse();
    assertThat(window.seenElseHold("beta", "new-1")).isFalse();
  }

  @Test
  void aFileMergedAwayWhileTheWindowLoadsIsReadFromTheFileItWentInto() {
    LakeProperties properties = properties();
    Instant written = Instant.parse("2026-12-03T10:00:00Z");
    LakeWriter writer = new LakeWriter(properties, Clock.fixed(written, ZoneOffset.UTC));
    LocalDate day = LocalDate.of(2026, 12, 3);
    for (int i = 0; i < 3; i++) {
      writer.writeEvents(
          "acme",
          day,
          List.of(EventRow.of(TestEvents.order("acme", "m-" + i, written, 1))),
          new SourceCoverage());
    }
    Lake lake = new Lake(properties);
    List<Path> before = lake.files(LakeTable.EVENTS);
    // another replica's compactor merges all three and removes them after the listing was taken
    LakeMerge.Prepared merged =
        LakeMerge.prepare(
            writer, LakeTable.EVENTS, lake.partition(LakeTable.EVENTS, "acme", day), before);
    merged.commit();
    merged.removeInputs();
    AtomicInteger listings = new AtomicInteger();

    DedupWindow window = new DedupWindow(Duration.ofHours(24));
    LandedIds.load(
        () -> listings.getAndIncrement() == 0 ? before : lake.files(LakeTable.EVENTS),
        window,
        written.plus(Duration.ofHours(1)));

    assertThat(listings).hasValue(2);
    assertThat(window.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(window.seenElseHold("acme", "m-" + i)).isTrue();
    }
  }
}
