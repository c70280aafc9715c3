package org.opencdp.ai.rag;

/** A source an answer relies on: the document and the passage quoted from it. */
public record Citation(String documentId, String title, String snippet) {}
