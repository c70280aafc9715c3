package org.opencdp.quality.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LakeListingTest {

  final Path partition =
      Path.of("target/test-lakes", "listing-" + UUID.randomUUID(), "events", "p").toAbsolutePath();

  @Test
  void anEntryRemovedAfterTheFolderWasReadStaysListed() throws Exception {
    Path first = file("part-1-a.parquet");
    Path second = file("part-2-b.parquet");

    // what a compaction does between a reader's folder read and its checks: its output is renamed
    // in after the read (so not listed) and its inputs deleted; dropping the inputs would hide both
    var listed = Lake.listComplete(partition, () -> delete(first));

    assertThat(listed).containsExactly(first, second);
  }

  @Test
  void onlyCompleteFilesAreListedInNameOrder() throws Exception {
    Path later = file("part-9-z.parquet");
    Path earlier = file("compact-1-a.parquet");
    file(".part-3-c.parquet.inprogress");
    file("_compaction.lock");
    file("notes.txt");
    Files.createDirectories(partition.resolve("part-5-folder.parquet"));

    assertThat(Lake.listComplete(partition)).containsExactly(earlier, later);
  }

  @Test
  void aFolderThatDoesNotExistListsNothing() {
    assertThat(Lake.listComplete(partition.resolveSibling("missing"))).isEmpty();
  }

  private Path file(String name) throws IOException {
    Files.createDirectories(partition);
    return Files.write(partition.resolve(name), new byte[] {1});
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
