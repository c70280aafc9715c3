/** RFC 9457 problem responses for every error a service returns, with stable error codes. */
package org.opencdp.servicekit.problem;
