package org.opencdp.ai;

import java.util.Locale;

/**
 * A script-based language guess: text whose letters are at least a fifth CJK ideographs is Chinese,
 * anything else English. Enough to pick an embedder, an analyzer and an answer template.
 */
public final class Languages {

  public static final String CHINESE = "zh";
  public static final String ENGLISH = "en";

  /** Share of CJK characters among letters above which a text counts as Chinese. */
  static final double CJK_SHARE = 0.2;

  private Languages() {}

  /** "zh" or "en" for the text. */
  public static String detect(String text) {
    if (text == null) {
      return ENGLISH;
    }
    int letters = 0;
    int cjk = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        cjk++;
        letters++;
      } else if (Character.isLetter(cp)) {
        letters++;
      }
    }
    return letters > 0 && cjk >= CJK_SHARE * letters ? CHINESE : ENGLISH;
  }

  /** The declared language reduced to "zh" or "en" when given, else the detected one. */
  public static String resolve(String declared, String text) {
    if (declared != null && !declared.isBlank()) {
      return declared.toLowerCase(Locale.ROOT).startsWith(CHINESE) ? CHINESE : ENGLISH;
    }
    return detect(text);
  }

  public static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }
}
