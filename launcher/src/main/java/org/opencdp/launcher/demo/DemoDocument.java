package org.opencdp.launcher.demo;

import java.util.List;

/** A document for {@code POST /v1/documents}: product docs, past reports, an incident note. */
public record DemoDocument(
    String documentId, String title, String text, String language, List<String> tags) {}
