/**
 * Real infrastructure for tests (Kafka, PostgreSQL, Redis), obtained in-process, from local servers
 * or from containers as {@code cdp.test.infra} and the machine allow; start at {@link
 * org.opencdp.testkit.Infrastructure}.
 */
package org.opencdp.testkit;
