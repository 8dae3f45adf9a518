package io.podarmor.internal.fs;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

/** Normalizes paths to the absolute, slash-separated form the filesystem index uses. */
public final class ImagePaths {
  /**
   * Tree order: like {@link String#compareTo} but with {@code /} before every other character, so a directory's
   * descendants come right after it ({@code /a}, {@code /a/b}, {@code /a-z}) and form one contiguous range.
   */
  public static final Comparator<String> ORDER = ImagePaths::compare;

  private ImagePaths() {}

  private static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x == '/') {
          return -1;
        }
        if (y == '/') {
          return 1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /**
   * Normalizes a tar entry name or an absolute path: {@code ./usr//bin/} becomes {@code /usr/bin}.
   *
   * @return the normalized path, or {@code null} when {@code ..} climbs above the root
   */
  public static String normalize(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
  }

  /**
   * A name as the engine places it inside the image: Go's {@code filepath.Join("/", name)}, so {@code ..} at the root
   * stays at the root, as it does inside the chroot the engine unpacks layers in ({@code ../../etc/passwd} is
   * {@code /etc/passwd}).
   */
  public static String clean(String name) {
    String fast = alreadyClean(name);
    if (fast != null) {
      return fast.startsWith("/") ? fast : "/" + fast;
    }
    return cleanByElements(name);
  }

  /** {@link #clean} element by element, for any name. */
  static String cleanByElements(String name) {
    Deque<String> parts = new ArrayDeque<>();
    int start = 0;
    int n = name.length();
    while (start <= n) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? n : slash;
      if (end > start) {
        String p = name.substring(start, end);
        if (p.equals("..")) {
          parts.pollLast();
        } else if (!p.equals(".")) {
          parts.addLast(p);
        }
      }
      start = end + 1;
    }
    if (parts.isEmpty()) {
      return "/";
    }
    StringBuilder s = new StringBuilder(n + 1);
    for (String p : parts) {
      s.append('/').append(p);
    }
    return s.toString();
  }

  /**
   * Go's {@code filepath.Clean}: {@code ./a//b/} is {@code a/b}, {@code /../a} is {@code /a}, {@code ../a} stays,
   * {@code ""} is {@code "."}.
   */
  public static String goClean(String name) {
    String fast = alreadyClean(name);
    return fast != null ? fast : goCleanByElements(name);
  }

  /** {@link #goClean} element by element, for any name. */
  static String goCleanByElements(String name) {
    boolean rooted = name.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
      } else {
        parts.addLast(p);
      }
    }
    String joined = String.join("/", parts);
    return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
  }

  /**
   * True when Go's {@code filepath.Clean(name)} is {@code "."}: {@code ""}, {@code "."}, {@code "./"},
   * {@code "a/.."}; the engine skips such a tar entry whatever its type.
   */
  public static boolean isDot(String name) {
    return alreadyClean(name) == null && isDotByElements(name);
  }

  /** {@link #isDot} element by element, for any name. */
  static boolean isDotByElements(String name) {
    if (name.startsWith("/")) {
      return false;
    }
    int depth = 0;
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (depth == 0) {
          return false; // a leading .. stays in a relative Clean
        }
        depth--;
      } else {
        depth++;
      }
    }
    return depth == 0;
  }

  /**
   * Go's {@code filepath.Clean(name)} for the names layers are made of, without splitting them: the name less a
   * leading {@code ./} (of a relative name) and one trailing slash, when what is left has no empty, {@code .} or
   * {@code ..} element; else {@code null}, for the element-by-element reading. Never {@code "."} nor empty.
   */
  static String alreadyClean(String name) {
    int start = 0;
    int end = name.length();
    boolean rooted = end > 0 && name.charAt(0) == '/';
    if (!rooted && name.startsWith("./")) {
      start = 2;
    }
    if (end - start > 1 && name.charAt(end - 1) == '/') {
      end--;
    }
    if (start >= end || !rooted && name.charAt(start) == '/') {
      return null;
    }
    if (rooted && end == 1) {
      return "/";
    }
    int element = rooted ? 1 : start;
    for (int i = element; i <= end; i++) {
      if (i == end || name.charAt(i) == '/') {
        int length = i - element;
        if (length == 0 || name.charAt(element) == '.' && (length == 1
            || length == 2 && name.charAt(element + 1) == '.')) {
          return null;
        }
        element = i + 1;
      }
    }
    return name.substring(start, end);
  }

  /** The parent of a normalized path ({@code null} for the root). */
  public static String parent(String path) {
    if (path.equals("/")) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /** The last element of a normalized path. */
  public static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code dir} + {@code /} + {@code name}, without doubling the root slash. */
  public static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }
}
