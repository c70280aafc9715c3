package org.opencdp.ai.rag;

import java.util.List;
import org.opencdp.ai.Languages;
import org.opencdp.ai.chat.ChatPrompt;
import org.opencdp.ai.rag.index.Passage;

/**
 * The prompt for a grounded answer: numbered sources [1]..[n], the rules (use only the sources,
 * cite them by number, copy figures exactly, say so when the sources do not answer), and the
 * question.
 */
public final class PromptAssembly {

  private PromptAssembly() {}

  public static ChatPrompt answer(String question, String language, List<Passage> passages) {
    boolean chinese = Languages.CHINESE.equals(language);
    String system =
        "You answer questions about a company's own documents. Use only the numbered sources."
            + " Cite every statement with its source number in brackets, like [1]."
            + " Copy numbers, percentages, amounts and dates exactly as the sources write them;"
            + " never compute or estimate a new one. If the sources do not answer the question,"
            + (chinese
                ? " answer exactly \"我不知道\". Answer in Chinese."
                : " answer exactly \"I don't know\". Answer in English.");
    StringBuilder user = new StringBuilder("Sources:\n");
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      user.append('[')
          .append(i + 1)
          .append("] ")
          .append(p.title() == null ? "" : p.title())
          .append(": ")
          .append(p.text().replace('\n', ' '))
          .append('\n');
    }
    user.append("\nQuestion: ").append(question);
    return new ChatPrompt(system, user.toString());
  }
}
