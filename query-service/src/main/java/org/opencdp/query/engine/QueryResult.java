package org.opencdp.query.engine;

import java.util.List;

/**
 * What a query returned, in engine-neutral form: timestamps as ISO-8601 instants, dates as ISO
 * dates, integers as longs, types by a shared name ({@code VARCHAR}, {@code BIGINT}, ...).
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {

  /** A result column. */
  public record Column(String name, String type) {}
}
