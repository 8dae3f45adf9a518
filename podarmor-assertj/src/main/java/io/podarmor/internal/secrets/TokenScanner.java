package io.podarmor.internal.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds well-known token formats in bytes, one pass, no regex: AWS access key ids ({@code AKIA}/{@code ASIA} + 16
 * upper-case letters or digits), GitHub tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_} + 36 letters or digits,
 * {@code github_pat_} + 22 + {@code _} + 59), GitLab tokens ({@code glpat-} + 20), Slack tokens
 * ({@code xox[baprs]-} + 10 or more letters, digits or dashes, starting with a digit) and PEM private keys
 * ({@code -----BEGIN (RSA |EC |OPENSSH |DSA |ENCRYPTED )?PRIVATE KEY-----} followed by at least 64 base64
 * characters, so a parser's header constant is no key). A token must stand alone: no letter or digit right before
 * or after it. Each kind is reported once per input, redacted.
 */
public final class TokenScanner {
  private static final int MIN_PEM_BODY = 64;
  /** The two-byte prefixes of the tokens (their first bytes are tested inline: A, g, x, -). */
  private static final boolean[] PREFIX = new boolean[1 << 16];
  private static final byte[] BEGIN = ascii("-----BEGIN ");
  private static final byte[] PRIVATE_KEY = ascii("PRIVATE KEY-----");
  private static final byte[][] PEM_KINDS = {ascii("RSA "), ascii("EC "), ascii("OPENSSH "), ascii("DSA "),
      ascii("ENCRYPTED ")};
  private static final byte[] GITHUB_PAT = ascii("github_pat_");
  private static final byte[] GLPAT = ascii("glpat-");

  static {
    for (String p : new String[] {"AK", "AS", "gh", "gi", "gl", "xo", "--"}) {
      PREFIX[(p.charAt(0) << 8) | p.charAt(1)] = true;
    }
  }

  private TokenScanner() {}

  /** The tokens in the first {@code len} bytes, one evidence string per kind, e.g. {@code AWS access key id AKIA…}. */
  public static List<String> scan(byte[] buf, int len) {
    List<String> found = new ArrayList<>(0);
    int seen = 0;
    int last = len - 1;
    for (int i = 0; i < last; i++) {
      byte c = buf[i];
      if (c != 'A' && c != 'g' && c != 'x' && c != '-' || !PREFIX[((c & 0xff) << 8) | (buf[i + 1] & 0xff)]) {
        continue;
      }
      int kind;
      int end;
      if ((end = aws(buf, len, i)) > 0) {
        kind = 0;
      } else if ((end = github(buf, len, i)) > 0) {
        kind = 1;
      } else if ((end = gitlab(buf, len, i)) > 0) {
        kind = 2;
      } else if ((end = slack(buf, len, i)) > 0) {
        kind = 3;
      } else if ((end = pem(buf, len, i)) > 0) {
        kind = 4;
      } else {
        continue;
      }
      if ((seen & (1 << kind)) == 0) {
        seen |= 1 << kind;
        found.add(describe(kind, new String(buf, i, end - i, StandardCharsets.US_ASCII)));
      }
      i = end - 1;
    }
    return found;
  }

  /** The tokens in a string (config values, history). */
  public static List<String> scan(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return scan(b, b.length);
  }

  private static String describe(int kind, String token) {
    switch (kind) {
      case 0:
        return "AWS access key id " + SecretRules.redact(token);
      case 1:
        return "GitHub token " + SecretRules.redact(token);
      case 2:
        return "GitLab token " + SecretRules.redact(token);
      case 3:
        return "Slack token " + SecretRules.redact(token);
      default:
        return token.substring(0, token.indexOf("-----", 5) + 5);
    }
  }

  private static int aws(byte[] b, int len, int i) {
    if (!(b[i] == 'A' && (b[i + 1] == 'K' || b[i + 1] == 'S') && at(b, len, i + 2, 'I') && at(b, len, i + 3, 'A'))
        || alnum(b, i - 1)) {
      return -1;
    }
    int j = i + 4;
    for (int k = 0; k < 16; k++, j++) {
      if (j >= len || !(upper(b[j]) || digit(b[j]))) {
        return -1;
      }
    }
    return j < len && alnum(b, j) ? -1 : j;
  }

  private static int github(byte[] b, int len, int i) {
    if (b[i] != 'g' || alnum(b, i - 1) || i - 1 >= 0 && b[i - 1] == '_') {
      return -1;
    }
    if (b[i + 1] == 'h' && i + 3 < len && "pousr".indexOf(b[i + 2]) >= 0 && b[i + 3] == '_') {
      int j = run(b, len, i + 4);
      return j - (i + 4) == 36 ? j : -1;
    }
    if (matches(b, len, i, GITHUB_PAT)) {
      int j = run(b, len, i + GITHUB_PAT.length);
      if (j - (i + GITHUB_PAT.length) != 22 || j >= len || b[j] != '_') {
        return -1;
      }
      int k = run(b, len, j + 1);
      return k - (j + 1) == 59 && !(k < len && b[k] == '_') ? k : -1;
    }
    return -1;
  }

  private static int gitlab(byte[] b, int len, int i) {
    if (!matches(b, len, i, GLPAT) || alnum(b, i - 1)) {
      return -1;
    }
    int j = i + GLPAT.length;
    while (j < len && (alnum(b, j) || b[j] == '_' || b[j] == '-')) {
      j++;
    }
    return j - (i + GLPAT.length) == 20 ? j : -1;
  }

  private static int slack(byte[] b, int len, int i) {
    if (!(b[i] == 'x' && b[i + 1] == 'o' && at(b, len, i + 2, 'x') && i + 4 < len && "baprs".indexOf(b[i + 3]) >= 0
        && b[i + 4] == '-') || alnum(b, i - 1)) {
      return -1;
    }
    int j = i + 5;
    if (j >= len || !digit(b[j])) {
      return -1;
    }
    while (j < len && (alnum(b, j) || b[j] == '-')) {
      j++;
    }
    return j - (i + 5) >= 10 ? j : -1;
  }

  private static int pem(byte[] b, int len, int i) {
    if (!matches(b, len, i, BEGIN)) {
      return -1;
    }
    int j = i + BEGIN.length;
    for (byte[] kind : PEM_KINDS) {
      if (matches(b, len, j, kind)) {
        j += kind.length;
        break;
      }
    }
    if (!matches(b, len, j, PRIVATE_KEY)) {
      return -1;
    }
    int end = j + PRIVATE_KEY.length;
    int k = end;
    int body = 0;
    while (k < len && body < MIN_PEM_BODY) {
      byte c = b[k];
      if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
        k++;
      } else if (alnum(b, k) || c == '+' || c == '/' || c == '=') {
        int lineStart = k;
        int lineBody = 0;
        while (k < len && b[k] != '\n' && b[k] != ':') {
          lineBody += alnum(b, k) || b[k] == '+' || b[k] == '/' || b[k] == '=' ? 1 : 0;
          k++;
        }
        if (k < len && b[k] == ':') {
          // an RFC 1421 header (Proc-Type: 4,ENCRYPTED): skip the line
          while (k < len && b[k] != '\n') {
            k++;
          }
        } else if (lineBody == k - lineStart || lineBody == k - lineStart - 1 && b[k - 1] == '\r') {
          body += lineBody;
        } else {
          return -1;
        }
      } else {
        return -1;
      }
    }
    return body >= MIN_PEM_BODY ? end : -1;
  }

  private static int run(byte[] b, int len, int from) {
    int j = from;
    while (j < len && alnum(b, j)) {
      j++;
    }
    return j;
  }

  private static boolean matches(byte[] b, int len, int at, byte[] what) {
    if (at + what.length > len) {
      return false;
    }
    for (int k = 0; k < what.length; k++) {
      if (b[at + k] != what[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean at(byte[] b, int len, int i, char c) {
    return i < len && b[i] == c;
  }

  private static boolean alnum(byte[] b, int i) {
    if (i < 0) {
      return false;
    }
    byte c = b[i];
    return upper(c) || digit(c) || c >= 'a' && c <= 'z';
  }

  private static boolean upper(byte c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
