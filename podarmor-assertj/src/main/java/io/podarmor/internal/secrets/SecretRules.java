package io.podarmor.internal.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code NAME=value} pairs (config Env, labels, ENV/ARG in the history, .env lines) hold a secret: the name has
 * a credential word as one of its parts and the value is a value, not a reference. Also redacts evidence.
 *
 * <p>A name is split into parts at {@code _ - .} and camelCase boundaries. It fires when a part is PASS, PASSWD,
 * PASSWORD, PASSPHRASE, SECRET(S), TOKEN(S), KEY(S), CREDENTIAL(S), CREDS or ends with PASSWORD, SECRET, TOKEN or KEY
 * (APIKEY, AUTHTOKEN); ACCESS alone does not (ACCESS_LOG), ACCESS_KEY and ACCESS_TOKEN do. It does not fire for
 * public key material (a part GPG, PGP, PUBLIC, PUB, PUBKEY: {@code GPG_KEY}, {@code PUBLIC_KEY}) or for a name
 * whose last part says it names or locates a secret rather than holding it (ID, FINGERPRINT, FILE, PATH, DIR, NAME,
 * URL, URI, SERVER, SIZE, LENGTH, TYPE: {@code KEY_ID}, {@code DB_PASSWORD_FILE}). A value is not a secret when it is
 * empty, an absolute path, a {@code $VAR} reference or a boolean ({@code true}, {@code off}, …).
 */
public final class SecretRules {
  private static final Set<String> WORDS = Set.of("PASS", "PASSWD", "PASSWORD", "PASSPHRASE", "SECRET", "SECRETS",
      "TOKEN", "TOKENS", "KEY", "KEYS", "CREDENTIAL", "CREDENTIALS", "CREDS");
  private static final String[] SUFFIXES = {"PASSWORD", "SECRET", "TOKEN", "KEY"};
  private static final Set<String> PUBLIC = Set.of("GPG", "PGP", "PUBLIC", "PUB", "PUBKEY");
  private static final Set<String> REFERENCES = Set.of("ID", "IDS", "FINGERPRINT", "FPR", "FILE", "PATH", "DIR",
      "NAME", "URL", "URI", "SERVER", "SIZE", "LENGTH", "TYPE");
  private static final Set<String> NOT_VALUES = Set.of("true", "false", "yes", "no", "on", "off", "none", "null");

  private SecretRules() {}

  /** True when this name and value make a secret. */
  public static boolean isSecret(String name, String value) {
    return isSecretName(name) && looksLikeValue(value);
  }

  /** True when the name says its value is a credential. */
  public static boolean isSecretName(String name) {
    List<String> parts = parts(name);
    if (parts.isEmpty() || REFERENCES.contains(parts.get(parts.size() - 1))) {
      return false;
    }
    boolean credential = false;
    for (String part : parts) {
      if (PUBLIC.contains(part)) {
        return false;
      }
      credential |= isCredentialWord(part);
    }
    return credential;
  }

  /** True when the value is a value: not empty, not an absolute path, not a variable reference, not a boolean. */
  public static boolean looksLikeValue(String value) {
    String v = value == null ? "" : value.trim();
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1).trim();
    }
    return !v.isEmpty() && !v.startsWith("/") && !v.matches("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?")
        && !NOT_VALUES.contains(v.toLowerCase(Locale.ROOT));
  }

  /** At most the first 4 characters, never more than half of the value, then {@code …}: {@code wJal…}. */
  public static String redact(String value) {
    int shown = Math.min(4, value.length() / 2);
    return value.substring(0, shown) + "…";
  }

  private static boolean isCredentialWord(String part) {
    if (WORDS.contains(part)) {
      return true;
    }
    for (String suffix : SUFFIXES) {
      if (part.length() > suffix.length() && part.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Upper-case parts of a name: {@code dbPassword_FILE} → DB, PASSWORD, FILE. */
  static List<String> parts(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(parts, part);
        continue;
      }
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
        flush(parts, part);
      }
      part.append(Character.toUpperCase(c));
    }
    flush(parts, part);
    return parts;
  }

  private static void flush(List<String> parts, StringBuilder part) {
    if (part.length() > 0) {
      parts.add(part.toString());
      part.setLength(0);
    }
  }
}
