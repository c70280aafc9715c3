package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.TestLake;
import org.opencdp.query.lake.CompactedFooters;
import org.opencdp.query.lake.LakeProperties;
import org.opencdp.query.lake.LakeVersion;
import org.opencdp.query.lake.LogicalTables;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;

/**
 * The fence around a query of an engine that lists folders itself, on real lake files: the query
 * here lists the partition plainly, as Trino's Hive connector does, and answers with what it
 * listed.
 */
class CompactionFenceTest {

  static final String TENANT = "fence";
  static final LocalDate DAY = LocalDate.parse("2026-12-01");

  final TestLake lake = TestLake.fresh("fence");
  final LakeProperties where = new LakeProperties(lake.root());
  final TenantLake tenantLake =
      new TenantLake(where, new LogicalTables(), new CompactedFooters(where));
  final CompactionFence fence = new CompactionFence(tenantLake);
  final AtomicInteger runs = new AtomicInteger();

  /** The listing a query was planned on, as query-service takes it before the engine runs. */
  LakeVersion listed() {
    return tenantLake.version(TENANT);
  }

  /** What an engine that lists the folder itself would read now. */
  List<String> plainListing() {
    try (Stream<Path> files = Files.list(lake.eventsDay(TENANT, DAY))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(LakeFiles::isComplete)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void threeParts() {
    for (int i = 0; i < 3; i++) {
      lake.part(TENANT, DAY, i * 10L, i * 10L + 10);
    }
  }

  @Test
  void aQueryWaitsForTheDeletesOfACompactionRenamedIntoPlace() throws Exception {
    threeParts();
    TestLake.Compaction compaction = lake.compact(lake.eventsDay(TENANT, DAY));
    CompletableFuture<Void> deletes =
        CompletableFuture.runAsync(
            () -> {
              pause(300);
              compaction.deleteInputs();
            });

    List<String> read = fence.run(TENANT, listed(), this::plainListing);

    deletes.join();
    assertThat(read).containsExactly(compaction.merged().getFileName().toString());
  }

  @Test
  void aQueryThatACompactionOverlappedRunsAgain() {
    threeParts();

    List<String> read =
        fence.run(
            TENANT,
            listed(),
            () -> {
              List<String> listed = plainListing();
              if (runs.incrementAndGet() == 1) {
                // the engine listed the inputs; a compaction finishes before it has read them
                lake.compact(lake.eventsDay(TENANT, DAY)).deleteInputs();
              }
              return listed;
            });

    assertThat(runs).hasValue(2);
    assertThat(read).singleElement().satisfies(n -> assertThat(n).startsWith("compact-"));
  }

  @Test
  void aQueryPlannedOnAListingOlderThanACompactionRunsAgain() {
    threeParts();
    LakeVersion planned = listed();
    TestLake.Compaction compaction = lake.compact(lake.eventsDay(TENANT, DAY)); // renamed since

    List<String> read =
        fence.run(
            TENANT,
            planned,
            () -> {
              List<String> listed = plainListing(); // the compacted file and its inputs
              if (runs.incrementAndGet() == 1) {
                compaction.deleteInputs();
              }
              return listed;
            });

    assertThat(runs).hasValue(2);
    assertThat(read).containsExactly(compaction.merged().getFileName().toString());
  }

  @Test
  void newFilesAloneAreNoReasonToRunAgain() {
    threeParts();

    List<String> read =
        fence.run(
            TENANT,
            listed(),
            () -> {
              runs.incrementAndGet();
              List<String> listed = plainListing();
              lake.part(TENANT, DAY, 100, 110);
              return listed;
            });

    assertThat(runs).hasValue(1);
    assertThat(read).hasSize(3);
  }

  @Test
  void aFailureWhileACompactionRemovedWhatTheQueryListedRunsAgainAndOtherFailuresDoNot() {
    threeParts();
    List<String> read =
        fence.run(
            TENANT,
            listed(),
            () -> {
              if (runs.incrementAndGet() == 1) {
                lake.compact(lake.eventsDay(TENANT, DAY)).deleteInputs();
                throw new ProblemException(
                    QueryErrorCode.QUERY_FAILED, "Error opening Hive split <path>: <path>");
              }
              return plainListing();
            });
    assertThat(runs).hasValue(2);
    assertThat(read).hasSize(1);

    ProblemException failure =
        failureOf(
            () -> {
              runs.incrementAndGet();
              throw new ProblemException(QueryErrorCode.QUERY_FAILED, "division by zero");
            });
    assertThat(failure.detail()).isEqualTo("division by zero");
    assertThat(runs).hasValue(3);
  }

  @Test
  void aCompactionLeftHalfDoneIsRefusedRatherThanCountedTwice() {
    threeParts();
    lake.compact(lake.eventsDay(TENANT, DAY)); // its compactor died before the deletes

    ProblemException refused =
        failureOf(
            () -> {
              runs.incrementAndGet();
              return plainListing();
            });

    assertThat(refused.code()).isEqualTo(QueryErrorCode.LAKE_CHANGED);
    assertThat(refused.headers()).containsEntry("Retry-After", "5");
    assertThat(runs).hasValue(0);
  }

  @Test
  void aQueryOverlappedEveryTimeGivesUp() {
    threeParts();
    List<Integer> compacted = new ArrayList<>();

    ProblemException refused =
        failureOf(
            () -> {
              runs.incrementAndGet();
              lake.part(TENANT, DAY, 1000L * runs.get(), 1000L * runs.get() + 10);
              TestLake.Compaction compaction = lake.compact(lake.eventsDay(TENANT, DAY));
              compaction.deleteInputs();
              compacted.add(compaction.inputs().size());
              return plainListing();
            });

    assertThat(refused.code()).isEqualTo(QueryErrorCode.LAKE_CHANGED);
    assertThat(runs).hasValue(CompactionFence.RUNS);
    assertThat(compacted).hasSize(CompactionFence.RUNS);
  }

  /** How the fence fails {@code query}. */
  private ProblemException failureOf(java.util.function.Supplier<?> query) {
    return catchThrowableOfType(ProblemException.class, () -> fence.run(TENANT, listed(), query));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
