package org.opencdp.event.lake;

/** The logical column types of the lake, as every engine (DuckDB, Trino, Spark) can read them. */
public enum LakeType {
  /** UTF-8 text. */
  STRING,
  /** UTF-8 text holding a JSON document. */
  JSON,
  /** 64-bit integer. */
  BIGINT,
  /** 64-bit float. */
  DOUBLE,
  /** Instant, microsecond precision, UTC. */
  TIMESTAMP,
  /** Calendar date (partition columns). */
  DATE
}
