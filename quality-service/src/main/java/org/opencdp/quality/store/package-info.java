/** The service's own database: H2 file locally, PostgreSQL in production, Flyway migrations. */
@NullMarked
package org.opencdp.quality.store;

import org.jspecify.annotations.NullMarked;
