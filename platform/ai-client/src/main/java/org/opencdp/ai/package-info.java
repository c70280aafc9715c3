/**
 * OpenCDP's AI client: embeddings, a knowledge index with hybrid retrieval, grounded answers
 * (offline or through an OpenAI-compatible model), budgets and metering.
 */
package org.opencdp.ai;
