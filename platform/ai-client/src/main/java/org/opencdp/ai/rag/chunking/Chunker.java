package org.opencdp.ai.rag.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into passages at sentence boundaries (。！？；!?; and a period followed by a space or line
 * end, and blank lines), packing whole sentences up to the size limit and repeating the last
 * sentences of a passage at the start of the next. A sentence longer than the limit is cut hard.
 */
public final class Chunker {

  private static final String CLOSERS = "\"'”’)）」』";

  private final ChunkingProperties properties;

  public Chunker(ChunkingProperties properties) {
    this.properties = properties;
  }

  /** The passages of a text, in order; blank text has none. */
  public List<String> chunk(String text) {
    List<String> sentences = new ArrayList<>();
    for (String s : sentences(text)) {
      split(s, properties.maxChars(), sentences);
    }
    List<String> chunks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int size = 0;
    for (String sentence : sentences) {
      if (size + sentence.length() > properties.maxChars() && !current.isEmpty()) {
        chunks.add(join(current));
        current = overlap(current);
        size = length(current);
        if (size + sentence.length() > properties.maxChars()) {
          current.clear();
          size = 0;
        }
      }
      current.add(sentence);
      size += sentence.length();
    }
    if (!current.isEmpty()) {
      chunks.add(join(current));
    }
    return chunks;
  }

  /** Sentences with their closing punctuation, stripped, blank ones dropped. */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    StringBuilder sentence = new StringBuilder();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      sentence.append(c);
      boolean end =
          switch (c) {
            case '。', '！', '？', '；', '!', '?', ';' -> true;
            case '.' ->
                i + 1 >= n
                    || Character.isWhitespace(text.charAt(i + 1))
                    || CLOSERS.indexOf(text.charAt(i + 1)) >= 0;
            case '\n' -> i + 1 < n && text.charAt(i + 1) == '\n';
            default -> false;
          };
      if (end) {
        // closing quotes and brackets belong to the sentence they close
        while (i + 1 < n && CLOSERS.indexOf(text.charAt(i + 1)) >= 0) {
          sentence.append(text.charAt(++i));
        }
        add(out, sentence);
      }
    }
    add(out, sentence);
    return out;
  }

  private static void add(List<String> out, StringBuilder sentence) {
    String s = sentence.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    sentence.setLength(0);
  }

  private static void split(String sentence, int max, List<String> out) {
    for (int i = 0; i < sentence.length(); i += max) {
      out.add(sentence.substring(i, Math.min(sentence.length(), i + max)));
    }
  }

  /** The trailing sentences of a chunk that fit in the overlap. */
  private List<String> overlap(List<String> chunk) {
    List<String> tail = new ArrayList<>();
    int size = 0;
    for (int i = chunk.size() - 1; i > 0; i--) {
      String s = chunk.get(i);
      if (size + s.length() > properties.overlapChars()) {
        break;
      }
      tail.add(0, s);
      size += s.length();
    }
    return tail;
  }

  private static int length(List<String> sentences) {
    return sentences.stream().mapToInt(String::length).sum();
  }

  /** CJK sentences join without a space, others with one. */
  private static String join(List<String> sentences) {
    StringBuilder out = new StringBuilder();
    for (String s : sentences) {
      if (!out.isEmpty() && !endsCjk(out) && !startsCjk(s)) {
        out.append(' ');
      }
      out.append(s);
    }
    return out.toString();
  }

  private static boolean endsCjk(StringBuilder s) {
    char c = s.charAt(s.length() - 1);
    return c > 0x2E80;
  }

  private static boolean startsCjk(String s) {
    return s.charAt(0) > 0x2E80;
  }
}
