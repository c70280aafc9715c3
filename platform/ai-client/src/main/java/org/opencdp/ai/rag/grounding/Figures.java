package org.opencdp.ai.rag.grounding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the figures in a text: numbers, percentages, money amounts and dates, each reduced to a
 * canonical form ("30%", "1200", "2026-06-30") so "1,200" in an answer matches "1200" in a source.
 */
public final class Figures {

  private static final Pattern DATE =
      Pattern.compile("(\\d{4})[-/年.](\\d{1,2})(?:[-/月.](\\d{1,2})日?)?");
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\p{IsLatin}\\d.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(%|％|percent)?");

  private Figures() {}

  /** The canonical figures of a text, in order of appearance, dates first. */
  public static List<String> in(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    StringBuilder rest = new StringBuilder(text);
    Matcher date = DATE.matcher(text);
    while (date.find()) {
      out.add(date(date));
      for (int i = date.start(); i < date.end(); i++) {
        rest.setCharAt(i, ' ');
      }
    }
    Matcher number = NUMBER.matcher(rest);
    while (number.find()) {
      out.add(number(number));
    }
    return out;
  }

  private static String date(Matcher m) {
    String month = String.format("%02d", Integer.parseInt(m.group(2)));
    return m.group(3) == null
        ? m.group(1) + "-" + month
        : m.group(1) + "-" + month + "-" + String.format("%02d", Integer.parseInt(m.group(3)));
  }

  private static String number(Matcher m) {
    String digits = m.group(1).replace(",", "");
    String fraction = m.group(2) == null ? "" : m.group(2).replaceAll("0+$", "");
    String value = fraction.equals(".") ? digits : digits + fraction;
    value = value.replaceFirst("^0+(?=\\d)", "");
    return m.group(3) == null ? value : value + "%";
  }
}
