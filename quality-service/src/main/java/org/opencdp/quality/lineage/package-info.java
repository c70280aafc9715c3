/** Lineage: for every lake file, the source partitions and offset ranges that produced it. */
@NullMarked
package org.opencdp.quality.lineage;

import org.jspecify.annotations.NullMarked;
