/**
 * Background compaction of the lake's {@code events} table (ARCHITECTURE §6): small files of a
 * partition merged into one, under a per-partition lock, following the lake protocol so that no
 * reader and no restart ever counts a row twice or misses one.
 */
@NullMarked
package org.opencdp.quality.compaction;

import org.jspecify.annotations.NullMarked;
