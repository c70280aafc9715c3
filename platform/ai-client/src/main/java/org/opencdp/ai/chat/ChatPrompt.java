package org.opencdp.ai.chat;

/** A system instruction and a user message, the whole of what a model is sent. */
public record ChatPrompt(String system, String user) {

  /** The exact text, for the answer cache's key. */
  public String exact() {
    return system + "\n\u0000\n" + user;
  }
}
