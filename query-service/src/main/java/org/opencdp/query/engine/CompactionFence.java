package org.opencdp.query.engine;

import java.time.Duration;
import java.util.function.Supplier;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.lake.LakeVersion;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a query of an engine that lists the lake's folders itself, and knows nothing of compacted
 * files, so that no compaction shows it a row twice or loses one (ARCHITECTURE §6): between a
 * compaction's rename and its deletes such an engine would read the compacted rows twice, and one
 * that listed the inputs just before they went fails opening one.
 *
 * <p>The query runs between two listings of the tenant's lake, the second one fresh. It starts only
 * on a listing without a compacted file beside the inputs it replaces, and runs again when a
 * compaction replaced any file it could have read while it ran, or when it failed while one did: at
 * most {@link #RUNS} runs, then 503 {@code lake-changed}. New files arriving meanwhile are no
 * reason to run again.
 */
final class CompactionFence {

  private static final Logger log = LoggerFactory.getLogger(CompactionFence.class);

  /** Runs of one query at most. */
  static final int RUNS = 3;

  /** How long a query waits for a compaction's deletes, which follow its rename at once. */
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(2);

  private static final Duration SETTLE_POLL = Duration.ofMillis(20);

  private final TenantLake lake;

  CompactionFence(TenantLake lake) {
    this.lake = lake;
  }

  /**
   * The answer of {@code query} (read-only, so it may run again) over the tenant's lake. {@code
   * listed} is a listing taken before the query (the one the query was planned on): any listing
   * older than the engine's own will do as the first "before", since a compaction after it shows in
   * the listing taken after; only one that shows a half-done compaction makes the query wait.
   */
  <T> T run(String tenantId, LakeVersion listed, Supplier<T> query) {
    for (int run = 1; ; run++) {
      LakeVersion before = run == 1 && listed.superseded() == 0 ? listed : settled(tenantId);
      T result = null;
      ProblemException failure = null;
      try {
        result = query.get();
      } catch (ProblemException e) {
        failure = e;
      }
      boolean untouched = before.stillReadIn(lake.version(tenantId));
      if (failure != null && (untouched || failure.code() != QueryErrorCode.QUERY_FAILED)) {
        throw failure; // a file it listed deleted under it fails as query-failed: run again
      }
      if (untouched) {
        return result;
      }
      if (run == RUNS) {
        throw new ProblemException(
                QueryErrorCode.LAKE_CHANGED,
                "compaction replaced files the query read, " + RUNS + " times; retry")
            .header("Retry-After", "1");
      }
      log.debug(
          "A compaction replaced files of tenant {} during a query; running it again", tenantId);
    }
  }

  /**
   * A fresh listing of the tenant's lake with no compacted file beside inputs it replaces. A
   * compactor deletes its inputs right after its rename, so this waits for that ({@link
   * #SETTLE_WAIT} at most); a compactor that died in between leaves them until its next pass (30 s
   * by default), and until then the query is refused rather than answered with rows counted twice.
   */
  private LakeVersion settled(String tenantId) {
    long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
    LakeVersion version = lake.version(tenantId);
    while (version.superseded() > 0) {
      if (System.nanoTime() > deadline) {
        throw new ProblemException(
                QueryErrorCode.LAKE_CHANGED,
                "a compaction of this tenant's lake is unfinished (its inputs are not yet removed)"
                    + " and the engine would read their rows twice; retry shortly, or use the"
                    + " duckdb engine")
            .header("Retry-After", "5");
      }
      TrinoEngine.sleepOrStop(SETTLE_POLL);
      version = lake.version(tenantId);
    }
    return version;
  }
}
