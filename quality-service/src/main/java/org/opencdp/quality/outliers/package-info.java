/** Statistical outlier isolation: learned per-property distributions, values far beyond p99. */
@NullMarked
package org.opencdp.quality.outliers;

import org.jspecify.annotations.NullMarked;
