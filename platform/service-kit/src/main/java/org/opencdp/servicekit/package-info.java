/**
 * What every OpenCDP service gets by depending on service-kit: RFC 9457 errors, tenancy, the
 * gateway's internal token, and Kafka and observability defaults.
 */
package org.opencdp.servicekit;
