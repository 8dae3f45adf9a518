package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Account hygiene from the image's own {@code /etc/passwd}, {@code /etc/group} and {@code /etc/shadow}: empty
 * password fields and duplicate ids or names. Password fields are never put into any text: only user names and line
 * numbers.
 */
public final class AccountChecker {
  private static final String PASSWD = "/etc/passwd";
  private static final String GROUP = "/etc/group";
  private static final String SHADOW = "/etc/shadow";
  /** The records an evidence line names before it says how many more there are. */
  private static final int LISTED = 10;

  private AccountChecker() {}

  /** Why a file cannot be read, so the check cannot decide. */
  public static final class Undecidable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecidable(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * True when the image has neither {@code /etc/passwd} nor {@code /etc/shadow}: it has no accounts.
   *
   * @throws Undecidable when following a link to one of them fails
   */
  public static boolean hasNoAccountFiles(ImageFilesystem fs) {
    return entry(fs, PASSWD).isEmpty() && entry(fs, SHADOW).isEmpty();
  }

  /**
   * Every account whose password field is empty, in {@code /etc/passwd} (logins need no password whatever
   * {@code /etc/shadow} says) or in {@code /etc/shadow}; a locked field ({@code !}, {@code *}, {@code !!}) is fine.
   *
   * @throws Undecidable when a file exists but cannot be read
   */
  public static List<String> emptyPasswords(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    read(fs, PASSWD, IdFile::passwd).ifPresent(passwd -> passwd.records().stream()
        .filter(r -> r.password.isEmpty())
        .forEach(r -> found.add(r.name + " (uid " + r.id + "): empty password field in " + PASSWD + " line "
            + r.line)));
    read(fs, SHADOW, IdFile::shadow).ifPresent(shadow -> shadow.records().stream()
        .filter(r -> r.password.isEmpty())
        .forEach(r -> found.add(r.name + ": empty password field in " + SHADOW + " line " + r.line)));
    return found;
  }

  /**
   * Every duplicate uid and user name of {@code /etc/passwd} and gid and group name of {@code /etc/group}, sorted.
   *
   * @throws Undecidable when a file exists but cannot be read
   */
  public static List<String> duplicates(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    read(fs, PASSWD, IdFile::passwd).ifPresent(passwd -> {
      duplicates(passwd, r -> r.id).forEach((uid, records) ->
          found.add("uid " + uid + " in " + PASSWD + ": " + names(records)));
      duplicates(passwd, r -> r.name).forEach((name, records) ->
          found.add("user name " + name + " in " + PASSWD + ": " + ids(records, "uid")));
    });
    read(fs, GROUP, IdFile::group).ifPresent(group -> {
      duplicates(group, r -> r.id).forEach((gid, records) ->
          found.add("gid " + gid + " in " + GROUP + ": " + names(records)));
      duplicates(group, r -> r.name).forEach((name, records) ->
          found.add("group name " + name + " in " + GROUP + ": " + ids(records, "gid")));
    });
    return found.stream().sorted().collect(Collectors.toList());
  }

  private static <K extends Comparable<K>> Map<K, List<IdFile.Record>> duplicates(IdFile file,
      Function<IdFile.Record, K> key) {
    Map<K, List<IdFile.Record>> byKey = file.records().stream()
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    Map<K, List<IdFile.Record>> dups = new LinkedHashMap<>();
    byKey.forEach((k, records) -> {
      if (records.size() > 1) {
        dups.put(k, records);
      }
    });
    return dups;
  }

  private static String names(List<IdFile.Record> records) {
    return listed(records, r -> r.name + " (line " + r.line + ")");
  }

  private static String ids(List<IdFile.Record> records, String what) {
    return listed(records, r -> what + " " + r.id + " (line " + r.line + ")");
  }

  /** The first {@value #LISTED} records, then how many more: an evidence line stays a line. */
  private static String listed(List<IdFile.Record> records, Function<IdFile.Record, String> show) {
    String shown = records.stream().limit(LISTED).map(show).collect(Collectors.joining(", "));
    return records.size() <= LISTED ? shown
        : shown + " and " + String.format(Locale.ROOT, "%,d", records.size() - LISTED) + " more";
  }

  private static Optional<FileEntry> entry(ImageFilesystem fs, String path) {
    try {
      return Links.follow(fs, path);
    } catch (ImageException e) {
      throw new Undecidable("cannot read " + path + " (" + e.getMessage() + ")");
    }
  }

  private static Optional<IdFile> read(ImageFilesystem fs, String path, BiFunction<String, String, IdFile> parser) {
    if (entry(fs, path).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(path, fs.readString(path)));
    } catch (ImageException e) {
      throw new Undecidable("cannot read " + path + " (" + e.getMessage() + ")");
    }
  }
}
