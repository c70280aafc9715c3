/** JDBC defaults shared by the services that keep a database (gateway, quality-service). */
package org.opencdp.servicekit.jdbc;
