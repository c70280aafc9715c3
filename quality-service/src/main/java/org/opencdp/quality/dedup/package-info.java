/** Deduplication by messageId within a window that survives restarts (rebuilt from the lake). */
@NullMarked
package org.opencdp.quality.dedup;

import org.jspecify.annotations.NullMarked;
