package io.podarmor.internal.history;

import java.util.List;
import java.util.Map;

/**
 * The options that move the files apt reads after its {@code apt.conf.d}: {@code apt.conf} itself and the source
 * lists. PodArmor reads them where Debian puts them, so a configuration that moves one elsewhere is not verified. A
 * value is resolved as apt's {@code FindFile} resolves it: an absolute path stands alone, a relative one is joined to
 * {@code Dir::Etc}, which is joined to {@code Dir}; {@code RootDir} is put before it all.
 */
final class AptPaths {
  /** The options, as apt spells them. */
  static final List<String> OPTIONS = List.of("RootDir", "Dir", "Dir::Etc", "Dir::Etc::main",
      "Dir::Etc::sourcelist", "Dir::Etc::sourceparts");
  private static final Map<String, String> DEFAULTS = Map.of("Dir", "/", "Dir::Etc", "etc/apt/",
      "Dir::Etc::main", "apt.conf", "Dir::Etc::sourcelist", "sources.list", "Dir::Etc::sourceparts",
      "sources.list.d");

  private AptPaths() {}

  /**
   * Whether the files apt reads stay where Debian puts them when {@code option} is given {@code value}, the other
   * options keeping their defaults. An empty value is no default: apt then reads no {@code apt.conf} (an empty
   * {@code Dir::Etc::main}), or looks in the directory above ({@code Dir::Etc}).
   */
  static boolean isDefault(String option, String value) {
    if (option.equals("RootDir")) {
      return value.isEmpty() || normalized(value).equals("/");
    }
    for (String file : List.of("Dir::Etc::main", "Dir::Etc::sourcelist", "Dir::Etc::sourceparts")) {
      if (file.startsWith(option)) {
        String moved = resolve(file, Map.of(option, value));
        if (moved == null || !moved.equals(resolve(file, Map.of()))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Where apt looks for {@code file} with these values set, as {@code FindFile}: an empty value of the file itself
   * is {@code /dev/null}, an empty directory above is skipped; null for a path relative to apt's working directory.
   */
  private static String resolve(String file, Map<String, String> set) {
    String option = file;
    String path = set.getOrDefault(option, DEFAULTS.get(option));
    if (path.isEmpty()) {
      return "/dev/null";
    }
    while (!path.startsWith("/")) {
      if (path.startsWith("./") || path.startsWith("~/") || path.startsWith("../") || !option.contains("::")) {
        return null;
      }
      option = option.substring(0, option.lastIndexOf("::"));
      String parent = set.getOrDefault(option, DEFAULTS.get(option));
      if (!parent.isEmpty()) {
        path = parent + (parent.endsWith("/") ? "" : "/") + path;
      }
    }
    return normalized(path);
  }

  /** The path with empty and {@code .} elements removed and {@code ..} applied, without a trailing slash. */
  private static String normalized(String path) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
