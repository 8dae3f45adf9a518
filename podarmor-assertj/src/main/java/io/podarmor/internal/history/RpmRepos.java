package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.Lines;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CIS 4.11, in the image: rpm repositories whose packages are installed without their signatures checked. dnf, yum,
 * microdnf and tdnf read the {@code *.repo} files of {@code /etc/yum.repos.d} (and {@code /etc/yum/repos.d},
 * {@code /etc/distro.repos.d}) as libdnf does: a repository is used unless {@code enabled} is false, and its packages
 * are checked only when {@code gpgcheck} is true, its own or else the one in {@code [main]} of
 * {@code /etc/dnf/dnf.conf} ({@code /etc/yum.conf} without it); libdnf's default is false. A value libdnf cannot read
 * as a boolean is ignored, as dnf ignores it (with a warning). zypper's {@code /etc/zypp/repos.d} repositories are
 * checked unless {@code gpgcheck} turns it off, theirs or else the one in {@code [main]} of
 * {@code /etc/zypp/zypp.conf}.
 */
public final class RpmRepos {
  private static final List<String> REPO_DIRS = List.of("/etc/yum.repos.d/", "/etc/yum/repos.d/",
      "/etc/distro.repos.d/", "/etc/zypp/repos.d/");
  private static final String ZYPP = "/etc/zypp/repos.d/";
  private static final List<String> MAIN_FILES = List.of("/etc/dnf/dnf.conf", "/etc/yum.conf");
  private static final String ZYPP_CONF = "/etc/zypp/zypp.conf";
  private static final Set<String> TRUE = Set.of("1", "yes", "true", "on");
  private static final Set<String> FALSE = Set.of("0", "no", "false", "off");
  /** Longer than any boolean libdnf reads. */
  private static final int MAX_VALUE = 16;
  /** What the layer pass keeps for this check: repository files and dnf's and yum's main configuration. */
  public static final RetainedFiles RETAINED = new RetainedFiles("rpm repositories", RpmRepos::isRepoConfig,
      1L << 20);

  private RpmRepos() {}

  /** True for a {@code *.repo} file directly in a repository directory, and for dnf's and yum's main files. */
  public static boolean isRepoConfig(String path) {
    if (MAIN_FILES.contains(path) || path.equals(ZYPP_CONF)) {
      return true;
    }
    for (String dir : REPO_DIRS) {
      if (path.startsWith(dir) && path.endsWith(".repo") && path.indexOf('/', dir.length()) < 0) {
        return true;
      }
    }
    return false;
  }

  /** A key's value in an ini file, and its line. */
  record Value(String text, int line) {}

  /**
   * One evidence line per enabled repository whose packages are not checked, naming the file, the line that turns
   * the check off (or that nothing turns it on); a repository file whose content was not kept is not verified.
   */
  public static List<String> find(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    Map<String, Map<String, Map<String, Value>>> mains = new LinkedHashMap<>(); // each main file, parsed once
    for (String main : List.of("/etc/dnf/dnf.conf", "/etc/yum.conf", ZYPP_CONF)) {
      if (fs.resolve(main).filter(FileEntry::isRegularFile).isPresent() && fs.hasContent(main)) {
        Map<String, Map<String, Value>> ini = parse(fs.readString(main));
        if (ini != null) {
          mains.put(main, ini);
          moved(main, ini, found);
        }
      }
    }
    Boolean mainCheck = null;
    String mainFile = null;
    for (String main : MAIN_FILES) {
      if (fs.resolve(main).filter(FileEntry::isRegularFile).isPresent() && fs.hasContent(main)) {
        mainFile = main;
        mainCheck = mainValue(mains.get(main));
        break;
      }
    }
    Boolean zyppCheck = mainValue(mains.get(ZYPP_CONF));
    for (FileEntry entry : fs.entries()) {
      if (MAIN_FILES.contains(entry.path()) || entry.path().equals(ZYPP_CONF) || !isRepoConfig(entry.path())) {
        continue;
      }
      Optional<String> text = ConfigFiles.text(fs, entry, found);
      if (text.isEmpty()) {
        continue;
      }
      Map<String, Map<String, Value>> ini = parse(text.get());
      if (ini == null) {
        continue; // dnf refuses a file it cannot parse: nothing is installed from it
      }
      boolean zypp = entry.path().startsWith(ZYPP);
      moved(entry.path(), ini, found);
      for (Map.Entry<String, Map<String, Value>> section : ini.entrySet()) {
        Map<String, Value> keys = section.getValue();
        if (!zypp && section.getKey().equals("main") || !bool(keys.get("enabled")).orElse(true)) {
          continue;
        }
        Optional<Boolean> own = bool(keys.get("gpgcheck"));
        if (own.isPresent()) {
          if (!own.get()) {
            found.add(entry.path() + ":" + keys.get("gpgcheck").line() + ": [" + section.getKey() + "] gpgcheck="
                + keys.get("gpgcheck").text() + " (from " + entry.layerDescription() + ")");
          }
        } else if (zypp && Boolean.FALSE.equals(zyppCheck)) {
          found.add(entry.path() + ": [" + section.getKey() + "] sets no gpgcheck, and [main] of " + ZYPP_CONF
              + " turns it off (from " + entry.layerDescription() + ")");
        } else if (!zypp && !Boolean.TRUE.equals(mainCheck)) {
          found.add(entry.path() + ": [" + section.getKey() + "] sets no gpgcheck, and " + (mainFile == null
              ? "no /etc/dnf/dnf.conf turns it on" : "[main] of " + mainFile + " does not turn it on")
              + " (libdnf's default is off; from " + entry.layerDescription() + ")");
        }
      }
    }
    return found;
  }

  /**
   * Keys that make dnf, yum or zypper read repositories PodArmor does not: {@code reposdir} (and zypper's
   * {@code configdir}) in {@code [main]}, moving the repository directories, and yum's {@code include} in any section,
   * reading another file or URL; each is reported as not verified.
   */
  private static void moved(String path, Map<String, Map<String, Value>> ini, List<String> found) {
    for (Map.Entry<String, Map<String, Value>> section : ini.entrySet()) {
      for (Map.Entry<String, Value> key : section.getValue().entrySet()) {
        String name = key.getKey().toLowerCase(Locale.ROOT);
        boolean main = section.getKey().equals("main");
        if (name.equals("include") || main && (name.equals("reposdir") || name.equals("configdir"))) {
          String value = key.getValue().text();
          found.add(path + ":" + key.getValue().line() + ": [" + section.getKey() + "] " + key.getKey() + "="
              + value.lines().findFirst().orElse("") + ": repositories are read from there too, so not verified");
        }
      }
    }
  }

  /** {@code gpgcheck} in the {@code [main]} section of a parsed main file (null when there is none), set to a boolean. */
  private static Boolean mainValue(Map<String, Map<String, Value>> ini) {
    return ini == null ? null : bool(ini.getOrDefault("main", Map.of()).get("gpgcheck")).orElse(null);
  }

  /** libdnf's boolean: 1, yes, true, on or their opposites, in any case; anything else is ignored. */
  static Optional<Boolean> bool(Value value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.text().toLowerCase(Locale.ROOT);
    return TRUE.contains(v) ? Optional.of(true) : FALSE.contains(v) ? Optional.of(false) : Optional.empty();
  }

  /**
   * An ini file as libdnf's parser reads it: {@code [section]} headers (what follows the {@code ]} ignored),
   * {@code key=value} lines trimmed, comment lines starting with {@code #} or {@code ;}, a line starting with white
   * space continuing the last value (even one that looks like a comment), the last of a repeated key winning;
   * {@code null} where libdnf refuses the file too (a key before any section, a line without {@code =}, a
   * continuation with nothing to continue). Where libdnf refuses a file PodArmor may still read it: dnf would not run.
   */
  static Map<String, Map<String, Value>> parse(String text) {
    Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
    Map<String, Value> section = null;
    String lastKey = null;
    Lines lines = new Lines(text);
    int lineNo = 0;
    for (String raw = lines.next(); raw != null; raw = lines.next()) {
      lineNo++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        lastKey = null;
        continue;
      }
      if (trimmed.startsWith("[")) {
        int close = trimmed.indexOf(']');
        if (close < 0) {
          return null;
        }
        section = sections.computeIfAbsent(trimmed.substring(1, close), s -> new LinkedHashMap<>());
        lastKey = null;
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        if (section == null || lastKey == null) {
          return null;
        }
        Value previous = section.get(lastKey);
        if (previous.text().length() <= MAX_VALUE) {
          // a value continued past any boolean's length is no boolean: what follows changes nothing (and copying it
          // again and again would take time quadratic in the file's length)
          section.put(lastKey, new Value(previous.text() + "\n" + trimmed, previous.line()));
        }
        continue;
      }
      if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (section == null || eq < 0) {
        return null;
      }
      lastKey = line.substring(0, eq).strip();
      section.put(lastKey, new Value(line.substring(eq + 1).strip(), lineNo));
    }
    return sections;
  }
}
