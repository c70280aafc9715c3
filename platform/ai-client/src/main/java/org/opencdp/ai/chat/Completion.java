package org.opencdp.ai.chat;

/** What a model answered and what it cost. */
public record Completion(String text, String model, long promptTokens, long completionTokens) {}
