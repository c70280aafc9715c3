/**
 * The Parquet lake (ARCHITECTURE §6): files written without Hadoop, renamed into place only when
 * durable, each recording the source offsets it covers.
 */
@NullMarked
package org.opencdp.quality.lake;

import org.jspecify.annotations.NullMarked;
