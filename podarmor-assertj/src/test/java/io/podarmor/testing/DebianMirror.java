package io.podarmor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Debian mirror this machine's apt uses for a suite, read from {@code /etc/apt/sources.list} and
 * {@code /etc/apt/sources.list.d/*.list} (one-line style) and {@code *.sources} (deb822 style), so that debootstrap
 * talks to nothing apt does not already talk to. {@code PODARMOR_DEBIAN_MIRROR} (or the system property
 * {@code podarmor.debian.mirror}) overrides it.
 *
 * <pre>{@code DebianMirror.find("bookworm")  // "http://deb.debian.org/debian"}</pre>
 */
public final class DebianMirror {
  private static final Path APT = Path.of("/etc/apt");

  private DebianMirror() {}

  /**
   * The mirror URI for {@code suite}.
   *
   * @throws IllegalStateException naming the files read when none of them has a {@code deb} source for it
   */
  public static String find(String suite) {
    String override = System.getProperty("podarmor.debian.mirror", System.getenv("PODARMOR_DEBIAN_MIRROR"));
    if (override != null && !override.isBlank()) {
      return override.trim();
    }
    List<Path> files = sourceFiles();
    for (Path file : files) {
      Optional<String> uri = find(suite, file.getFileName().toString().endsWith(".sources"), read(file));
      if (uri.isPresent()) {
        return uri.get();
      }
    }
    throw new IllegalStateException("No Debian mirror for '" + suite + "' in " + files.stream().map(Path::toString)
        .collect(Collectors.joining(", ")) + " (no enabled 'deb' source with that suite): debootstrap needs one; "
        + "set PODARMOR_DEBIAN_MIRROR to a mirror URI");
  }

  /** The first {@code deb} source for {@code suite} in one file's text, deb822 or one-line style. */
  public static Optional<String> find(String suite, boolean deb822, String text) {
    return deb822 ? fromDeb822(suite, text) : fromOneLine(suite, text);
  }

  private static Optional<String> fromOneLine(String suite, String text) {
    for (String raw : text.split("\n")) {
      String line = raw.replaceAll("#.*", "").trim();
      if (!line.startsWith("deb ") && !line.startsWith("deb\t")) {
        continue;
      }
      // deb [ option=value ... ] uri suite component...
      String rest = line.substring(3).trim();
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) {
          continue;
        }
        rest = rest.substring(close + 1).trim();
      }
      String[] parts = rest.split("\\s+");
      if (parts.length >= 2 && parts[1].equals(suite) && usable(parts[0])) {
        return Optional.of(stripSlash(parts[0]));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fromDeb822(String suite, String text) {
    for (String paragraph : text.split("\n\\s*\n")) {
      String types = field(paragraph, "Types");
      String uris = field(paragraph, "URIs");
      String suites = field(paragraph, "Suites");
      String enabled = field(paragraph, "Enabled");
      if (types == null || uris == null || suites == null || "no".equalsIgnoreCase(enabled)) {
        continue;
      }
      if (!Arrays.asList(types.split("\\s+")).contains("deb")
          || !Arrays.asList(suites.split("\\s+")).contains(suite)) {
        continue;
      }
      for (String uri : uris.split("\\s+")) {
        if (usable(uri)) {
          return Optional.of(stripSlash(uri));
        }
      }
    }
    return Optional.empty();
  }

  /** A field's value, continuation lines joined; {@code null} when absent. Comment lines are skipped. */
  private static String field(String paragraph, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    StringBuilder value = null;
    for (String line : paragraph.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (value != null && (line.startsWith(" ") || line.startsWith("\t"))) {
        value.append(' ').append(line.trim());
      } else if (value != null) {
        break;
      } else if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        value = new StringBuilder(line.substring(prefix.length()).trim());
      }
    }
    return value == null ? null : value.toString().trim();
  }

  private static boolean usable(String uri) {
    return uri.startsWith("http://") || uri.startsWith("https://") || uri.startsWith("file:/");
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private static List<Path> sourceFiles() {
    List<Path> files = new ArrayList<>();
    Path main = APT.resolve("sources.list");
    if (Files.isRegularFile(main)) {
      files.add(main);
    }
    Path dir = APT.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources")).sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir, e);
      }
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
