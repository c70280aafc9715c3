package org.opencdp.query.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs prepared statements under a time limit: at the deadline the statement is cancelled (both
 * drivers interrupt the running query), which works the same on every engine.
 */
@Component
public class Cancellations implements DisposableBean {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "query-timeouts");
            thread.setDaemon(true);
            return thread;
          });

  /** The work to do with the statement once it is bound. */
  interface Work {
    QueryResult run(Statement statement) throws SQLException;
  }

  /**
   * Runs the query on the connection. One without parameters runs as a plain statement: DuckDB
   * binds a prepared statement twice (prepare, then execute), which for a view over a glob means
   * listing and opening the files twice.
   */
  QueryResult run(Connection connection, TenantQuery query, String engine) {
    try (Statement statement =
        query.parameters().isEmpty()
            ? connection.createStatement()
            : connection.prepareStatement(query.sql())) {
      return run(
          statement,
          query,
          engine,
          s ->
              ResultReader.readAny(s, query.sql(), !query.parameters().isEmpty(), query.maxRows()));
    } catch (SQLException e) {
      throw EngineErrors.translate(e, false, engine);
    }
  }

  QueryResult run(Statement statement, TenantQuery query, String engine, Work work) {
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> cancel(statement, timedOut), query.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      if (!query.parameters().isEmpty()) {
        bind((PreparedStatement) statement, query.parameters());
      }
      return work.run(statement);
    } catch (SQLException e) {
      throw EngineErrors.translate(e, timedOut.get(), engine);
    } finally {
      deadline.cancel(false);
    }
  }

  private static void cancel(Statement statement, AtomicBoolean timedOut) {
    timedOut.set(true);
    try {
      statement.cancel();
    } catch (SQLException | RuntimeException ignored) {
      // the query finished or the connection closed meanwhile: nothing left to cancel
    }
  }

  static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      int index = i + 1;
      if (value == null) {
        statement.setNull(index, java.sql.Types.NULL);
      } else if (value instanceof String s) {
        statement.setString(index, s);
      } else if (value instanceof Boolean b) {
        statement.setBoolean(index, b);
      } else if (value instanceof Long || value instanceof Integer) {
        statement.setLong(index, ((Number) value).longValue());
      } else if (value instanceof Number n) {
        statement.setDouble(index, n.doubleValue());
      } else {
        throw new ProblemException(
                QueryErrorCode.INVALID_PARAMETER,
                "parameter " + index + " must be a string, number, boolean or null")
            .field("parameters[" + i + "]");
      }
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
