/** Quality metrics: Micrometer counters and per-day counts in the database. */
@NullMarked
package org.opencdp.quality.metrics;

import org.jspecify.annotations.NullMarked;
