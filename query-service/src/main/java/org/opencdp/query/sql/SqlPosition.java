package org.opencdp.query.sql;

import java.util.Locale;

/** A 1-based line and column in the SQL text. */
public record SqlPosition(int line, int column) {

  /** Where {@code token} first occurs as a whole word, ignoring case; {@code null} if nowhere. */
  static SqlPosition find(String sql, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String text = sql.toLowerCase(Locale.ROOT);
    String word = token.toLowerCase(Locale.ROOT);
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      boolean startsWord = at == 0 || !isWordChar(text.charAt(at - 1));
      int end = at + word.length();
      boolean endsWord = end >= text.length() || !isWordChar(text.charAt(end));
      if (startsWord && endsWord) {
        return of(sql, at);
      }
    }
    return null;
  }

  static SqlPosition of(String sql, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SqlPosition(line, column);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
