/** Topic names, topic creation and the Kafka readiness check shared by every service. */
package org.opencdp.servicekit.kafka;
