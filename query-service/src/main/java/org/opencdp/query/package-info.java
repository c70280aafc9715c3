/** query-service: read-only SQL over the lake, isolated per tenant. */
@NullMarked
package org.opencdp.query;

import org.jspecify.annotations.NullMarked;
