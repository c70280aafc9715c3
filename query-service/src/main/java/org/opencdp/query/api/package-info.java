/** The HTTP API: POST /v1/query/sql and GET /v1/query/tables. */
@NullMarked
package org.opencdp.query.api;

import org.jspecify.annotations.NullMarked;
