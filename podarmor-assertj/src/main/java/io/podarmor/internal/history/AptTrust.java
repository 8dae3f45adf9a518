package io.podarmor.internal.history;

import java.util.Locale;
import java.util.Set;

/**
 * apt's {@code trusted} option, which skips the repository's signature checks: {@code trusted=yes} in a one-line
 * source's brackets, {@code Trusted: yes} in a deb822 stanza, with every value apt's {@code StringToBool} reads as
 * true ({@code yes}, {@code true}, {@code with}, {@code on}, {@code enable} in any case, or a number that is 1).
 */
final class AptTrust {
  private static final String OPTION = "trusted=";
  private static final Set<String> TRUE = Set.of("yes", "true", "with", "on", "enable");
  /** Longer than any value apt reads as true: a value is looked at only this far, so a scan stays linear. */
  private static final int MAX_VALUE = 16;

  private AptTrust() {}

  /** Whether {@code text} has {@code trusted=<true>} at {@code at}, its value ending at white space or {@code ]}. */
  static boolean optionAt(String text, int at) {
    if (!text.startsWith(OPTION, at)) {
      return false;
    }
    int from = at + OPTION.length();
    int end = from;
    while (end < text.length() && end - from <= MAX_VALUE && !Character.isWhitespace(text.charAt(end))
        && text.charAt(end) != ']') {
      end++;
    }
    return end - from <= MAX_VALUE && isTrue(unquoted(text.substring(from, end)))
        || text.startsWith("yes", from); // what the pattern these replace matched: trusted=yes before anything
  }

  /**
   * A value as apt gets it from a line a shell wrote: quotes and backslashes taken off, {@code %xx} decoded (apt reads
   * {@code trusted="yes"} and {@code trusted=ye%73} as yes).
   */
  private static String unquoted(String value) {
    String word = value.replace("'", "").replace("\\", "");
    return AptWords.dequoted(word, 0, word.length());
  }

  /** apt's {@code StringToBool} is true for the value: a word of {@link #TRUE}, or {@code strtol(v, 0)} is 1. */
  static boolean isTrue(String value) {
    int start = 0;
    while (start < value.length() && AptConfigSyntax.isSpace(value.charAt(start))) {
      start++; // strtol skips white space before the number, not after it
    }
    return TRUE.contains(value.toLowerCase(Locale.ROOT)) || isOne(value.substring(start));
  }

  /**
   * apt's {@code StringToBool} is false for the value: {@code no}, {@code false}, {@code without}, {@code off},
   * {@code disable} in any case, or a number that is 0.
   */
  static boolean isFalse(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (Set.of("no", "false", "without", "off", "disable").contains(v)) {
      return true;
    }
    int i = 0;
    while (i < v.length() && AptConfigSyntax.isSpace(v.charAt(i))) {
      i++;
    }
    if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
      i++;
    }
    if (v.startsWith("0x", i) && v.length() > i + 2) {
      i += 2;
    }
    if (i == v.length()) {
      return false;
    }
    for (int j = i; j < v.length(); j++) {
      if (v.charAt(j) != '0') {
        return false;
      }
    }
    return true;
  }

  /** {@code strtol(value, &end, 0) == 1} with the whole value read: {@code 1}, {@code +1}, {@code 01}, {@code 0x1}. */
  private static boolean isOne(String v) {
    int i = v.startsWith("+") ? 1 : 0;
    if (v.startsWith("0x", i) || v.startsWith("0X", i)) {
      i += 2; // hexadecimal; a leading 0 alone is octal, and 1 is 1 in both
    }
    if (i == v.length()) {
      return false;
    }
    for (int j = i; j < v.length() - 1; j++) {
      if (v.charAt(j) != '0') {
        return false;
      }
    }
    return v.charAt(v.length() - 1) == '1';
  }
}
