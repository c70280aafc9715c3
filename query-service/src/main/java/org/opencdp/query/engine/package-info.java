/** The query engines (DuckDB embedded, Trino over JDBC), each isolating tenants itself. */
@NullMarked
package org.opencdp.query.engine;

import org.jspecify.annotations.NullMarked;
