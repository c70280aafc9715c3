/** The Java side of {@code ./cdp}: supervises a Kafka broker and the services, loads demo data. */
package org.opencdp.launcher;
