package org.opencdp.ai.offline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.ai.Languages;

/**
 * The content of a question as the offline answerer matches it: entities (identifiers such as "A",
 * "Q2", "CRM" that a passage must name) and aspects (what is asked about, CJK bigrams and English
 * words), without stop words and without general words ("performance", "表现", "如何") that any fact
 * about the subject answers.
 */
record Terms(Set<String> entities, Set<String> aspects) {

  private static final Pattern LATIN = Pattern.compile("[\\p{IsLatin}\\d][\\p{IsLatin}\\d'_-]*");
  private static final List<String> ZH_GENERAL =
      List.of(
          "市场表现", "表现", "情况", "怎么样", "怎样", "如何", "概况", "进展", "状况", "总结", "介绍", "什么", "多少", "哪些",
          "哪个", "是否", "请问", "一下", "告诉", "有关", "关于", "为什么", "怎么");
  private static final String ZH_STOP = "的了是在有和与及吗呢吧啊么呀请把被对给从向也都就还又个这那其之我你他她它们";
  private static final Set<String> EN_STOP =
      Set.of(
          "a",
          "an",
          "the",
          "of",
          "in",
          "on",
          "at",
          "to",
          "for",
          "from",
          "by",
          "with",
          "and",
          "or",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "do",
          "does",
          "did",
          "how",
          "what",
          "which",
          "who",
          "whom",
          "when",
          "where",
          "why",
          "it",
          "its",
          "this",
          "that",
          "these",
          "those",
          "there",
          "their",
          "our",
          "we",
          "you",
          "i",
          "me",
          "my",
          "your",
          "has",
          "have",
          "had",
          "can",
          "could",
          "should",
          "would",
          "will",
          "shall",
          "may",
          "much",
          "many",
          "any",
          "some",
          "about",
          "tell",
          "know",
          "describe",
          "explain",
          "please",
          "perform",
          "performance",
          "performed",
          "performing",
          "doing",
          "market",
          "overview",
          "status",
          "summary",
          "going",
          "happen",
          "happened",
          "like",
          "say",
          "said",
          "get",
          "got",
          "than",
          "as",
          "so",
          "if",
          "into",
          "up",
          "out",
          "over",
          "per",
          "vs",
          "s");

  /** The terms of a question. */
  static Terms of(String question) {
    Set<String> entities = new LinkedHashSet<>();
    Set<String> aspects = new LinkedHashSet<>();
    boolean chinese = Languages.CHINESE.equals(Languages.detect(question));
    Matcher m = LATIN.matcher(question);
    while (m.find()) {
      String token = m.group();
      if (isEntity(token, chinese)) {
        entities.add(normal(token));
      } else if (!EN_STOP.contains(token.toLowerCase(Locale.ROOT))) {
        aspects.add(normal(token));
      }
    }
    String cjk = question;
    for (String general : ZH_GENERAL) {
      cjk = cjk.replace(general, " ");
    }
    for (char stop : ZH_STOP.toCharArray()) {
      cjk = cjk.replace(stop, ' ');
    }
    aspects.addAll(bigrams(cjk, true));
    return new Terms(entities, aspects);
  }

  /** Every term a passage holds: its words and every CJK bigram (and lone CJK character). */
  static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = LATIN.matcher(text);
    while (m.find()) {
      out.add(normal(m.group()));
    }
    out.addAll(bigrams(text, false));
    text.codePoints()
        .filter(Languages::isCjk)
        .forEach(cp -> out.add(new String(Character.toChars(cp))));
    return out;
  }

  private static boolean isEntity(String token, boolean chinese) {
    if (token.chars().anyMatch(Character::isDigit)) {
      return true;
    }
    if (chinese) {
      return true; // a Latin word inside Chinese text names something
    }
    return !token.equals("I")
        && token.length() <= 5
        && token.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c));
  }

  private static Set<String> bigrams(String text, boolean loneCharacters) {
    Set<String> out = new LinkedHashSet<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      int cp = i < text.length() ? text.charAt(i) : ' ';
      if (i < text.length() && Languages.isCjk(cp)) {
        run.append((char) cp);
        continue;
      }
      if (run.length() == 1 && loneCharacters) {
        out.add(run.toString());
      }
      for (int j = 0; j + 2 <= run.length(); j++) {
        out.add(run.substring(j, j + 2));
      }
      run.setLength(0);
    }
    return out;
  }

  /** Lower case, a plural s dropped, so "Sales" matches "sale". */
  static String normal(String token) {
    String t = token.toLowerCase(Locale.ROOT);
    if (t.length() > 3 && t.endsWith("s") && !t.endsWith("ss") && !t.matches(".*\\d.*")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
