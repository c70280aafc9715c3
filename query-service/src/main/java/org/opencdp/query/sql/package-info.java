/** Guard layer 1: what SQL a tenant may send, checked on the parsed tree. */
@NullMarked
package org.opencdp.query.sql;

import org.jspecify.annotations.NullMarked;
