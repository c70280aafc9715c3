/**
 * The tenant knowledge base: documents from cdp.raw.documents indexed in Lucene on disk, searched
 * and answered over {@code /v1/knowledge/*}.
 */
package org.opencdp.insight.knowledge;
