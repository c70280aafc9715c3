package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.servicekit.problem.ProblemException;

/**
 * How a Trino query that found no active node is retried: the failure is the one {@link
 * EngineErrors} makes of Trino's own message, the attempts are counted.
 */
class TrinoWorkersWaitTest {

  static final Duration POLL = Duration.ofMillis(20);
  static final QueryResult ANSWER = new QueryResult(List.of(), List.of(), false);

  final AtomicInteger attempts = new AtomicInteger();

  static ProblemException noWorkers() {
    return EngineErrors.translate(
        new SQLException("Query failed (#x): No nodes available to run query"), false, "trino");
  }

  @Test
  void aQueryRunsOnceTheNodeListShowsTheCatalog() {
    QueryResult result =
        TrinoEngine.whileNoWorkers(
            () -> {
              if (attempts.incrementAndGet() < 4) {
                throw noWorkers();
              }
              return ANSWER;
            },
            Duration.ofSeconds(5),
            POLL);

    assertThat(result).isSameAs(ANSWER);
    assertThat(attempts).hasValue(4);
  }

  @Test
  void afterTheWaitTheCallerIsToldToRetry() {
    long start = System.nanoTime();
    ProblemException failure = alwaysFailing(noWorkers(), Duration.ofMillis(300));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(failure.code()).isEqualTo(QueryErrorCode.ENGINE_UNAVAILABLE);
    assertThat(failure.headers()).containsKey("Retry-After");
    assertThat(attempts.get()).isBetween(2, 16);
    assertThat(tookMs).isBetween(250L, 5_000L);
  }

  @Test
  void anyOtherFailureIsNotRetried() {
    ProblemException failure =
        alwaysFailing(
            EngineErrors.translate(
                new SQLException("Query failed (#x): line 1:8: mismatched input"), false, "trino"),
            Duration.ofSeconds(5));

    assertThat(failure.code()).isEqualTo(QueryErrorCode.SYNTAX_ERROR);
    assertThat(attempts).hasValue(1);
  }

  /** What the caller gets from an attempt that always fails so; the attempts are counted. */
  private ProblemException alwaysFailing(ProblemException failure, Duration wait) {
    return catchThrowableOfType(
        ProblemException.class,
        () ->
            TrinoEngine.whileNoWorkers(
                () -> {
                  attempts.incrementAndGet();
                  throw failure;
                },
                wait,
                POLL));
  }
}
