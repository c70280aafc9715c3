/**
 * The quarantine API: an index of the lake's quarantine table in the service's database, paging and
 * filters, replay through {@code cdp.raw.events} after a fix, discard, and their audit trail.
 */
@NullMarked
package org.opencdp.quality.quarantine;

import org.jspecify.annotations.NullMarked;
