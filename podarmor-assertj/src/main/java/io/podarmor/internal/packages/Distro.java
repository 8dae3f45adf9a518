package io.podarmor.internal.packages;

import io.podarmor.internal.fs.Lines;

/** The image's distribution from its os-release: {@code ID} and {@code VERSION_ID}, each {@code ""} when unknown. */
public final class Distro {
  /** No os-release. */
  public static final Distro UNKNOWN = new Distro("", "");

  final String id;
  final String versionId;

  Distro(String id, String versionId) {
    this.id = id;
    this.versionId = versionId;
  }

  /** Reads {@code ID} and {@code VERSION_ID} from os-release text (shell-style {@code KEY=value}, quotes allowed). */
  public static Distro parse(String osRelease) {
    String id = "";
    String version = "";
    Lines lines = new Lines(osRelease);
    for (String line = lines.next(); line != null; line = lines.next()) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) {
        continue;
      }
      String key = line.substring(0, eq).trim();
      String value = unquote(line.substring(eq + 1).trim());
      if (key.equals("ID")) {
        id = value;
      } else if (key.equals("VERSION_ID")) {
        version = value;
      }
    }
    return new Distro(id, version);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
