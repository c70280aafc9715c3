/** The gateway's short-lived internal token (ES256 JWT) and the filter that demands it. */
package org.opencdp.servicekit.auth;
