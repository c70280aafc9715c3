package org.opencdp.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeTable;

/** The lake mode: what it writes, read back with DuckDB as query-service reads the lake. */
class LakeGeneratorTest {

  private static final LakeSpec SPEC =
      new LakeSpec("acme", 50_000, 20, LocalDate.of(2026, 11, 30), 2_000, 7);
  private static Path lake;
  private static String progress;
  private static LakeGenerator.Result result;

  @BeforeAll
  static void writeOnce() throws Exception {
    lake = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lakegen");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    result =
        new LakeGenerator(SPEC).write(lake, new PrintStream(out, true, StandardCharsets.UTF_8));
    progress = out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryRowOncePartitionedByTenantAndDayWithTheEventsTableColumns() throws Exception {
    assertThat(result.rows()).isEqualTo(50_000);
    assertThat(progress).contains("50,000 of 50,000 rows (100%)");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      String events = "read_parquet('" + lake + "/events/*/*/*.parquet', hive_partitioning = true)";
      ResultSet totals =
          statement.executeQuery(
              "SELECT count(*), count(DISTINCT message_id), count(DISTINCT event_date),"
                  + " min(event_date), max(event_date), count(DISTINCT tenant_id),"
                  + " count(DISTINCT user_id), count(*) FILTER (WHERE ts::DATE <> event_date),"
                  + " count(*) FILTER (WHERE event = 'Order Completed' AND revenue > 0)"
                  + " FROM "
                  + events);
      totals.next();
      assertThat(totals.getLong(1)).as("rows").isEqualTo(50_000);
      assertThat(totals.getLong(2)).as("distinct message ids").isEqualTo(50_000);
      assertThat(totals.getLong(3)).as("partitions").isEqualTo(20);
      assertThat(totals.getString(4)).isEqualTo("2026-11-11");
      assertThat(totals.getString(5)).isEqualTo("2026-11-30");
      assertThat(totals.getLong(6)).as("tenants").isEqualTo(1);
      assertThat(totals.getLong(7)).as("users").isBetween(1_900L, 2_000L);
      assertThat(totals.getLong(8)).as("rows outside their day's partition").isZero();
      assertThat(totals.getLong(9)).as("orders with revenue").isPositive();

      ResultSet perDay =
          statement.executeQuery(
              "SELECT min(n), max(n) FROM (SELECT event_date, count(*) n FROM "
                  + events
                  + " GROUP BY 1)");
      perDay.next();
      assertThat(perDay.getLong(1)).isEqualTo(2_500);
      assertThat(perDay.getLong(2)).isEqualTo(2_500);

      ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + events);
      List<String> columns = new ArrayList<>();
      List<String> types = new ArrayList<>();
      while (described.next()) {
        columns.add(described.getString(1));
        types.add(described.getString(2));
      }
      List<String> expected =
          LakeTable.EVENTS.fileColumns().stream().map(LakeColumn::name).toList();
      assertThat(columns.subList(0, expected.size())).isEqualTo(expected);
      assertThat(columns.subList(expected.size(), columns.size()))
          .containsExactly("event_date", "tenant_id");
      assertThat(types.get(columns.indexOf("ts"))).isEqualTo("TIMESTAMP WITH TIME ZONE");
      assertThat(types.get(columns.indexOf("quantity"))).isEqualTo("BIGINT");
      assertThat(types.get(columns.indexOf("revenue"))).isEqualTo("DOUBLE");
    }
    try (Stream<Path> files = Files.walk(lake)) {
      List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
      assertThat(parquet).hasSize(result.files()).hasSize(20);
      assertThat(parquet)
          .allSatisfy(
              p ->
                  assertThat(lake.relativize(p).toString())
                      .matches("events/tenant_id=acme/event_date=2026-11-\\d\\d/lakegen-s7-.*"));
    }
    try (Stream<Path> top = Files.list(lake)) {
      assertThat(top).as("no staging folder left").containsExactly(lake.resolve("events"));
    }
  }

  @Test
  void theSameSeedGivesTheSameRowsAndAnotherSeedDoesNot() throws Exception {
    LakeGenerator generator = new LakeGenerator(SPEC);
    LakeGenerator other =
        new LakeGenerator(new LakeSpec("acme", 50_000, 20, LocalDate.of(2026, 11, 30), 2_000, 8));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      String written =
          fingerprint(
              statement,
              "read_parquet('" + lake + "/events/*/*/*.parquet', hive_partitioning = true)");
      assertThat(fingerprint(statement, "(" + generator.select(0, 50_000) + ")"))
          .isEqualTo(written);
      assertThat(fingerprint(statement, "(" + other.select(0, 50_000) + ")")).isNotEqualTo(written);
    }
  }

  @Test
  void refusesATenantThatIsNotALakeFolderName() {
    assertThatThrownBy(() -> new LakeSpec("a'; drop", 10, 1, LocalDate.of(2026, 1, 1), 1, 1))
        .hasMessageContaining("tenant must match");
  }

  private static String fingerprint(Statement statement, String from) throws Exception {
    ResultSet rs =
        statement.executeQuery(
            "SELECT count(*), sum(hash(message_id, event, user_id, ts, revenue, product_id,"
                + " channel, region))::VARCHAR FROM "
                + from
                + " t");
    rs.next();
    return rs.getLong(1) + "/" + rs.getString(2);
  }
}
