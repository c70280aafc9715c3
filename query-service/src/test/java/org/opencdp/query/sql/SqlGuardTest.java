package org.opencdp.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.query.QueryErrorCode;

class SqlGuardTest {

  final SqlGuard guard = new SqlGuard(Set.of("events", "quarantine"), 100_000);

  static Stream<String> accepted() {
    return Stream.of(
        "select count(*) from events",
        "SELECT event, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC",
        "select * from events limit 10",
        "select e.user_id, e.revenue from events e where e.event = 'Order Completed'",
        "select event_date, sum(revenue) from events where event_date between DATE '2026-01-01'"
            + " and DATE '2026-02-01' group by event_date",
        "with daily as (select event_date d, count(*) n from events group by 1) select * from daily",
        "with a as (select 1 x), b as (select x from a) select * from b",
        "select count(distinct user_id) from events",
        "select region, category, sum(revenue) from events group by region, category",
        "select product_id, sum(quantity) q from events group by 1 order by q desc limit 5",
        "select * from quarantine where stage = 'envelope'",
        "select event from events union all select event from quarantine",
        "select * from (select user_id from events) t",
        "select user_id, row_number() over (partition by user_id order by ts) from events",
        "select case when revenue > 10 then 'big' else 'small' end from events",
        "select coalesce(region, 'n/a'), count(*) from events group by 1",
        "select cast(ts as date), count(*) from events group by 1",
        "select date_trunc('day', ts), count(*) from events group by 1",
        "select lower(event), upper(region), length(city) from events",
        "select round(avg(revenue), 2) from events where revenue is not null",
        "select json_extract_scalar(properties, '$.plan') from events",
        "select user_id from events where event in ('Signed Up', 'Order Completed')",
        "select user_id from events where exists (select 1 from quarantine q where q.message_id"
            + " = events.message_id)",
        "select * from events where user_id = ? and revenue > ?",
        "select \"events\".\"user_id\" from \"events\"",
        "SeLeCt CoUnT(*) FrOm EvEnTs",
        "select 1",
        "select count(*) from events -- trailing comment",
        "/* leading comment */ select count(*) from events",
        "select count(*) from events;",
        "select extract(year from ts) from events",
        "select a.user_id from events a join events b on a.user_id = b.user_id",
        "select user_id, lag(ts) over (order by ts) from events",
        "select approx_distinct(user_id) from events",
        "select min(ts), max(ts) from events",
        "select region from events group by region having count(*) > 10",
        "select count_if(revenue > 0) from events",
        "select greatest(price, 0), least(price, 100) from events",
        "select regexp_like(event, '^Order') from events",
        "select substr(user_id, 1, 3) from events");
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void acceptsReadOnlySelectsOverTheLogicalTables(String sql) {
    GuardedSql guarded = guard.check(sql);

    assertThat(guarded.sql()).doesNotContain("--").doesNotContain("/*");
    assertThat(guarded.tables()).isSubsetOf("events", "quarantine");
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        // table functions and paths
        r(
            "select * from read_parquet('/data/lake/events/tenant_id=other/**/*.parquet')",
            QueryErrorCode.TABLE_FUNCTION),
        r("select * from READ_PARQUET('x')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from read_csv('/etc/passwd')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from read_csv_auto('/etc/passwd')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from read_json('/etc/hosts')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from read_text('/etc/passwd')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from read_blob('/etc/shadow')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from glob('/data/**')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from parquet_scan('/x.parquet')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from parquet_metadata('/x.parquet')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from duckdb_settings()", QueryErrorCode.TABLE_FUNCTION),
        r("select * from duckdb_tables()", QueryErrorCode.TABLE_FUNCTION),
        r("select * from duckdb_views()", QueryErrorCode.TABLE_FUNCTION),
        r("select * from duckdb_extensions()", QueryErrorCode.TABLE_FUNCTION),
        r("select * from query_table('events')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from query('select 1')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from range(10)", QueryErrorCode.TABLE_FUNCTION),
        r("select * from events, read_parquet('/x')", QueryErrorCode.TABLE_FUNCTION),
        r("select * from events join read_csv('/x') r on true", QueryErrorCode.TABLE_FUNCTION),
        r("select * from (select * from read_parquet('/x')) t", QueryErrorCode.TABLE_FUNCTION),
        r(
            "with x as (select * from read_parquet('/x')) select * from x",
            QueryErrorCode.TABLE_FUNCTION),
        r("select (select count(*) from read_parquet('/x'))", QueryErrorCode.TABLE_FUNCTION),
        r(
            "select * from events where user_id in (select * from read_csv('/x'))",
            QueryErrorCode.TABLE_FUNCTION),
        r(
            "select * from \"/data/lake/events/tenant_id=other/x.parquet\"",
            QueryErrorCode.PATH_AS_TABLE),
        r("select * from \"other.parquet\"", QueryErrorCode.QUALIFIED_NAME),
        r("select * from \"../quarantine\"", QueryErrorCode.PATH_AS_TABLE),
        // dangerous scalar functions
        r("select getenv('HOME')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select current_setting('allowed_directories')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select read_text('/etc/passwd')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r(
            "select count(*) from events where getenv('X') is null",
            QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select user_id from events order by getenv('X')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r(
            "select user_id from events group by user_id having max(getenv('x')) > ''",
            QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r(
            "select row_number() over (order by getenv('x')) from events",
            QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r(
            "select sum(revenue) over (partition by current_setting('x')) from events",
            QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select case when true then getenv('x') end", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select coalesce(null, getenv('x'))", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select cast(getenv('x') as varchar)", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select GETENV('x')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select \"getenv\"('x')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select version()", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select current_user()", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select pg_read_file('/etc/passwd')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select load_extension('x')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select sleep(100)", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select pg_sleep(100)", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select file_exists('/etc')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select list_files('/')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select duckdb_secrets()", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select enum_range(null)", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select ｇｅｔｅｎｖ('x')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select read_parquet('/x')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r(
            "select user_id from events where user_id = (select max(getenv('a')))",
            QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r(
            "select count(*) filter (where getenv('x') = '') from events",
            QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select current_database()", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select current_schema()", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        r("select nextval('s')", QueryErrorCode.FUNCTION_NOT_ALLOWED),
        // qualified names and catalogs
        r("select * from information_schema.tables", QueryErrorCode.QUALIFIED_NAME),
        r("select * from pg_catalog.pg_tables", QueryErrorCode.QUALIFIED_NAME),
        r("select * from system.runtime.queries", QueryErrorCode.QUALIFIED_NAME),
        r("select * from lake.t_other.events", QueryErrorCode.QUALIFIED_NAME),
        r("select * from t_other.events", QueryErrorCode.QUALIFIED_NAME),
        r("select * from main.events", QueryErrorCode.QUALIFIED_NAME),
        r("select * from memory.main.events", QueryErrorCode.QUALIFIED_NAME),
        r("select * from \"lake\".\"t_other\".\"events\"", QueryErrorCode.QUALIFIED_NAME),
        r("select * from other_db.events", QueryErrorCode.QUALIFIED_NAME),
        r("select main.getenv('x')", QueryErrorCode.QUALIFIED_NAME),
        r("select system.sync_partition_metadata('a')", QueryErrorCode.QUALIFIED_NAME),
        r(
            "select * from events e join information_schema.columns c on true",
            QueryErrorCode.QUALIFIED_NAME),
        r("select lake.t_other.events.user_id from events", QueryErrorCode.QUALIFIED_NAME),
        // unknown tables
        r("select * from duckdb_settings", QueryErrorCode.UNKNOWN_TABLE),
        r("select * from secrets", QueryErrorCode.UNKNOWN_TABLE),
        r("select * from sqlite_master", QueryErrorCode.UNKNOWN_TABLE),
        r("select * from pg_tables", QueryErrorCode.UNKNOWN_TABLE),
        r("select * from events_other", QueryErrorCode.UNKNOWN_TABLE),
        r("select * from events join users on true", QueryErrorCode.UNKNOWN_TABLE),
        r("with x as (select 1) select * from y", QueryErrorCode.UNKNOWN_TABLE),
        r("select * from \"Events2\"", QueryErrorCode.UNKNOWN_TABLE),
        // statements other than SELECT
        r("copy events to '/tmp/out.csv'", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r(
            "COPY (select * from events) TO '/tmp/x.parquet' (FORMAT PARQUET)",
            QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("attach '/tmp/x.db' as x", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("ATTACH DATABASE ':memory:' AS m", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("detach x", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("install httpfs", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("load httpfs", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("set enable_external_access = true", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("SET allowed_directories = ['/']", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("reset lock_configuration", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("pragma database_list", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("call pragma_database_list()", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r(
            "CALL lake.system.sync_partition_metadata('t_x', 'events', 'FULL')",
            QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("export database '/tmp/x'", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("import database '/tmp/x'", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("create table x as select * from events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("create or replace view events as select 1", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("create secret s (type s3)", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("drop view events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("alter table events add column x int", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("insert into events values (1)", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("update events set user_id = 'x'", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("delete from events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("truncate events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("  /* hide */ -- and\n  COPY events TO 'x'", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("(copy events to 'x')", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("explain select * from events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("describe events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("show tables", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("summarize events", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("use other", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("checkpoint", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("begin transaction", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("prepare p as select 1", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("execute p", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        r("grant select on events to public", QueryErrorCode.STATEMENT_NOT_ALLOWED),
        // several statements
        r("select 1; select 2", QueryErrorCode.MULTIPLE_STATEMENTS),
        r("select count(*) from events; drop view events", QueryErrorCode.MULTIPLE_STATEMENTS),
        r("select 1;attach 'x' as y", QueryErrorCode.MULTIPLE_STATEMENTS),
        r("select * from events; select * from quarantine", QueryErrorCode.MULTIPLE_STATEMENTS),
        // other constructs
        r("select * into other from events", QueryErrorCode.CONSTRUCT_NOT_ALLOWED),
        r("select :name from events", QueryErrorCode.CONSTRUCT_NOT_ALLOWED),
        r("select @x", QueryErrorCode.CONSTRUCT_NOT_ALLOWED),
        // syntax errors
        r("selec * from events", QueryErrorCode.SYNTAX_ERROR),
        r("select * from", QueryErrorCode.SYNTAX_ERROR),
        r("select * from events where", QueryErrorCode.SYNTAX_ERROR),
        r("", QueryErrorCode.SYNTAX_ERROR),
        r("select 'unterminated from events", QueryErrorCode.SYNTAX_ERROR));
  }

  static Arguments r(String sql, QueryErrorCode code) {
    return Arguments.of(sql, code);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesAttacksWithAStableCode(String sql, QueryErrorCode code) {
    QueryRejected rejected = catchThrowableOfType(QueryRejected.class, () -> guard.check(sql));

    assertThat(rejected).as("refusal of %s", sql).isNotNull();
    assertThat(rejected.code()).as(sql + ": " + rejected.detail()).isEqualTo(code);
    assertThat(rejected.field()).isEqualTo("sql");
  }

  @Test
  void namesTheRefusedFunctionAndWhereItIs() {
    QueryRejected rejected =
        catchThrowableOfType(
            QueryRejected.class,
            () -> guard.check("select count(*)\nfrom events\nwhere getenv('X')"));

    assertThat(rejected.properties())
        .containsEntry("construct", "getenv")
        .containsEntry("line", 3)
        .containsEntry("column", 7);
    assertThat(rejected.detail()).contains("getenv").contains("line 3, column 7");
  }

  @Test
  void reportsTheLineAndColumnOfASyntaxError() {
    QueryRejected rejected =
        catchThrowableOfType(
            QueryRejected.class, () -> guard.check("select *\nfrom events\nwher x"));

    assertThat(rejected.code()).isEqualTo(QueryErrorCode.SYNTAX_ERROR);
    assertThat(rejected.properties()).containsKeys("line", "column");
    assertThat(rejected.properties().get("line")).isEqualTo(3);
  }

  @Test
  void runsThePrintedTreeSoCommentsNeverReachTheEngine() {
    GuardedSql guarded = guard.check("select /* x */ count(*) -- y\n from events");

    assertThat(guarded.sql()).isEqualToIgnoringCase("SELECT count(*) FROM events");
  }

  @Test
  void countsPlaceholders() {
    assertThat(guard.check("select * from events where user_id = ? and revenue > ?").parameters())
        .isEqualTo(2);
  }

  @Test
  void refusesSqlOverTheLengthLimit() {
    SqlGuard small = new SqlGuard(Set.of("events"), 20);

    assertThatThrownBy(() -> small.check("select count(*) from events"))
        .isInstanceOfSatisfying(
            QueryRejected.class, e -> assertThat(e.code()).isEqualTo(QueryErrorCode.SQL_TOO_LONG));
  }

  @Test
  void refusesDeepNestingWithoutCrashing() {
    String sql = "select " + "(".repeat(5000) + "1" + ")".repeat(5000);

    assertThatThrownBy(() -> guard.check(sql)).isInstanceOf(QueryRejected.class);
  }
}
