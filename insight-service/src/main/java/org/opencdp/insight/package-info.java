/** insight-service: knowledge base now; anomalies, root cause and forecasts later. */
package org.opencdp.insight;
