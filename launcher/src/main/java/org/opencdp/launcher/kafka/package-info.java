/** The local Kafka broker: a KRaft single node in its own JVM. */
package org.opencdp.launcher.kafka;
