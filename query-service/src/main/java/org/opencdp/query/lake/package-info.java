/** The logical tables over the lake and the lake version results are cached against. */
@NullMarked
package org.opencdp.query.lake;

import org.jspecify.annotations.NullMarked;
