package org.opencdp.event.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeFilesTest {

  private static final Path DAY = Path.of("/lake/events/tenant_id=acme/event_date=2026-12-01");
  private static final Path OTHER_DAY =
      Path.of("/lake/events/tenant_id=acme/event_date=2026-12-02");

  @Test
  void completeFilesAreVisibleParquetNames() {
    assertThat(LakeFiles.isComplete("part-0000000000001-a.parquet")).isTrue();
    assertThat(LakeFiles.isComplete("compact-0000000000001-a.parquet")).isTrue();
    assertThat(LakeFiles.isComplete(".part-1.parquet.inprogress")).isFalse();
    assertThat(LakeFiles.isComplete(".part-1.parquet")).isFalse();
    assertThat(LakeFiles.isComplete("_compact-1.parquet")).isFalse();
    assertThat(LakeFiles.isCompacted("compact-1.parquet")).isTrue();
    assertThat(LakeFiles.isCompacted("part-1.parquet")).isFalse();
  }

  @Test
  void readsTheCompactedFileInsteadOfItsInputsWhileBothAreListed() {
    Path a = DAY.resolve("part-1-a.parquet");
    Path b = DAY.resolve("part-2-b.parquet");
    Path c = DAY.resolve("part-3-c.parquet"); // written after compaction chose its inputs
    Path merged = DAY.resolve("compact-4-m.parquet");
    Map<Path, List<String>> footers =
        Map.of(merged, List.of("part-1-a.parquet", "part-2-b.parquet"));

    assertThat(LakeFiles.readable(List.of(a, b, c, merged), footers::get))
        .containsExactly(c, merged);
    assertThat(LakeFiles.readable(List.of(a, b, c), footers::get)).containsExactly(a, b, c);
  }

  @Test
  void aSupersededCompactedFileStillRemovesItsOwnInputs() {
    Path a = DAY.resolve("part-1-a.parquet");
    Path first = DAY.resolve("compact-2-x.parquet");
    Path second = DAY.resolve("compact-3-y.parquet");
    Map<Path, List<String>> footers =
        Map.of(first, List.of("part-1-a.parquet"), second, List.of("compact-2-x.parquet"));

    assertThat(LakeFiles.readable(List.of(a, first, second), footers::get)).containsExactly(second);
  }

  @Test
  void namesOnlySupersedeInTheirOwnPartition() {
    Path here = DAY.resolve("part-1-a.parquet");
    Path there = OTHER_DAY.resolve("part-1-a.parquet");
    Path merged = DAY.resolve("compact-2-m.parquet");
    Map<Path, List<String>> footers = Map.of(merged, List.of("part-1-a.parquet"));

    assertThat(LakeFiles.readable(List.of(here, there, merged), footers::get))
        .containsExactly(there, merged);
  }

  @Test
  void footerValueRoundTripsAndRefusesPaths() {
    String value = LakeFiles.compactedFromValue(List.of("part-1-a.parquet", "compact-2-b.parquet"));
    assertThat(LakeFiles.parseCompactedFrom(value))
        .containsExactly("part-1-a.parquet", "compact-2-b.parquet");
    assertThat(LakeFiles.parseCompactedFrom(null)).isEmpty();
    assertThatThrownBy(() -> LakeFiles.compactedFromValue(List.of("../x/part-1.parquet")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LakeFiles.parseCompactedFrom("[\"../../etc/part.parquet\"]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LakeFiles.parseCompactedFrom("{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
