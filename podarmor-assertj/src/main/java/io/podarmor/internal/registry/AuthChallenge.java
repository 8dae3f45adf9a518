package io.podarmor.internal.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge, e.g.
 * {@code Bearer realm="https://auth.example/token",service="example",scope="repository:acme/api:pull"}.
 */
final class AuthChallenge {
  final String scheme;
  final Map<String, String> params;

  private AuthChallenge(String scheme, Map<String, String> params) {
    this.scheme = scheme;
    this.params = params;
  }

  boolean isBearer() {
    return "bearer".equals(scheme);
  }

  boolean isBasic() {
    return "basic".equals(scheme);
  }

  String param(String name) {
    return params.get(name);
  }

  /** Every challenge in the headers; unparseable parts are skipped. */
  static List<AuthChallenge> parse(List<String> headers) {
    List<AuthChallenge> out = new ArrayList<>();
    for (String header : headers) {
      parseOne(header, out);
    }
    return out;
  }

  private static void parseOne(String header, List<AuthChallenge> out) {
    int i = 0;
    int n = header.length();
    while (i < n) {
      while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && header.charAt(i) != ' ' && header.charAt(i) != ',') {
        i++;
      }
      if (start == i) {
        return;
      }
      String scheme = header.substring(start, i).toLowerCase(Locale.ROOT);
      Map<String, String> params = new LinkedHashMap<>();
      while (i < n) {
        int save = i;
        while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
          i++;
        }
        int keyStart = i;
        while (i < n && header.charAt(i) != '=' && header.charAt(i) != ' ' && header.charAt(i) != ',') {
          i++;
        }
        if (i >= n || header.charAt(i) != '=' || keyStart == i) {
          i = save; // the next scheme starts here
          break;
        }
        String key = header.substring(keyStart, i).toLowerCase(Locale.ROOT);
        i++;
        StringBuilder value = new StringBuilder();
        if (i < n && header.charAt(i) == '"') {
          i++;
          while (i < n && header.charAt(i) != '"') {
            if (header.charAt(i) == '\\' && i + 1 < n) {
              i++;
            }
            value.append(header.charAt(i++));
          }
          i++;
        } else {
          while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
            value.append(header.charAt(i++));
          }
        }
        params.put(key, value.toString());
      }
      out.add(new AuthChallenge(scheme, params));
    }
  }

  @Override
  public String toString() {
    return scheme + " " + params;
  }
}
