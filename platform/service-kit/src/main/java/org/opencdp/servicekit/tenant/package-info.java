/** Who is calling: the tenant, key and roles of the current request, and role checks. */
package org.opencdp.servicekit.tenant;
