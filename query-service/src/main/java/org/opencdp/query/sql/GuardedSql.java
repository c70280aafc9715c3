package org.opencdp.query.sql;

import java.util.Set;

/**
 * A query the guard let through.
 *
 * @param sql the text to run: the parsed tree printed back, so comments and any text the parser and
 *     the engine might read differently are gone
 * @param tables the logical tables it reads
 * @param parameters how many {@code ?} placeholders it has ({@code -1} when unchecked)
 */
public record GuardedSql(String sql, Set<String> tables, int parameters) {

  public GuardedSql {
    tables = Set.copyOf(tables);
  }
}
