package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.query.CompactionRace;
import org.opencdp.query.CompactionRace.Answer;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.SharedTrino;
import org.opencdp.query.TestLake;
import org.opencdp.query.lake.CompactedFooters;
import org.opencdp.query.lake.LakeProperties;
import org.opencdp.query.lake.LogicalTables;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.testkit.TrinoServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Compaction and new files racing queries on a real Trino, whose Hive connector lists the folders
 * itself: every answer holds each row once and every row committed before it was asked.
 */
class TrinoCompactionRaceTest {

  static final String TENANT = "xrace";

  /** Longer than a Trino count takes here, so queries surely list a compacted file and inputs. */
  static final long WINDOW_MS = 600;

  static TestLake lake;
  static TrinoEngine engine;
  static TenantLake tenantLake;
  static final Cancellations cancellations = new Cancellations();

  @BeforeAll
  static void start() {
    TrinoServer trino = SharedTrino.server();
    lake = new TestLake(trino.lakeRoot());
    LakeProperties where = new LakeProperties(trino.lakeRoot());
    tenantLake = new TenantLake(where, new LogicalTables(), new CompactedFooters(where));
    QueryProperties properties =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of(
                        "cdp.query.trino.enabled", "true", "cdp.query.trino.url", trino.jdbcUrl())))
            .bindOrCreate("cdp.query", QueryProperties.class);
    engine = new TrinoEngine(properties, tenantLake, cancellations);
  }

  @AfterAll
  static void stopAll() {
    cancellations.destroy();
  }

  @Test
  void noAnswerCountsARowTwiceOrMissesOneWhileCompactionRuns() throws Exception {
    // two of three deletes slow; the quick ones catch a query whose listed inputs are gone
    CompactionRace race = new CompactionRace(lake, TENANT, 60, WINDOW_MS, 2, 3, false, 800, 0);

    CompactionRace.Outcome outcome =
        race.run(TrinoCompactionRaceTest::ask, 8, 25, Duration.ofSeconds(90));

    assertThat(outcome.wrong())
        .as("%d answers, %d refused", outcome.answered(), outcome.refused())
        .isEmpty();
    assertThat(outcome.compactions()).isGreaterThanOrEqualTo(8);
    assertThat(outcome.answered()).isGreaterThanOrEqualTo(25);
    // three runs all overlapped by a compaction: rare even at this pace
    assertThat(outcome.refused()).isLessThan(outcome.answered() / 4 + 1);
  }

  private static Answer ask() {
    try {
      QueryResult result =
          engine.execute(
              new TenantQuery(
                  TENANT,
                  CompactionRace.COUNTS,
                  List.of(),
                  10,
                  Duration.ofSeconds(30),
                  tenantLake.version(TENANT)));
      return Answer.counts(
          ((Number) result.rows().get(0).get(0)).longValue(),
          ((Number) result.rows().get(0).get(1)).longValue());
    } catch (ProblemException e) {
      return e.code() == QueryErrorCode.LAKE_CHANGED
          ? Answer.REFUSED
          : Answer.failed(e.code() + ": " + e.detail());
    }
  }
}
