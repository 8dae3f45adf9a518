package io.podarmor.internal.inspect;

import io.podarmor.internal.fs.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The records of {@code /etc/passwd} or {@code /etc/group}: a name and a numeric id (the uid, or the gid of a group),
 * plus a user's primary gid, the password field and the line number. Lines that are blank, comments or malformed
 * are skipped; a file of more than {@value #MAX_RECORDS} records cannot be checked. {@link #shadow} reads
 * {@code /etc/shadow} the same way (no ids there: they are -1).
 */
final class IdFile {
  /** One record. {@code primaryGid} is the user's group for passwd, the group's own gid for group. */
  static final class Record {
    final String name;
    final long id;
    final long primaryGid;
    /** The password field as written; never print it. */
    final String password;
    /** 1-based line number in the file. */
    final int line;

    Record(String name, long id, long primaryGid, String password, int line) {
      this.name = name;
      this.id = id;
      this.primaryGid = primaryGid;
      this.password = password;
      this.line = line;
    }
  }

  /** The most records read of one file: more accounts than any system has, and a bound on their memory. */
  static final int MAX_RECORDS = 100_000;

  private final List<Record> records;

  private IdFile(List<Record> records) {
    this.records = records;
  }

  /** {@code name:password:uid:gid:gecos:home:shell}. */
  static IdFile passwd(String path, String content) {
    return parse(path, content, 4, 3);
  }

  /** {@code name:password:gid:members}. */
  static IdFile group(String path, String content) {
    return parse(path, content, 3, 2);
  }

  /** {@code name:password:lastchange:...}; ids are -1. */
  static IdFile shadow(String path, String content) {
    return parse(path, content, 2, -1);
  }

  /**
   * Reads the lines one at a time and each line's first four fields only, so that the memory taken is that of the
   * records, at most {@value #MAX_RECORDS}: more and the file cannot be checked.
   */
  private static IdFile parse(String path, String content, int minFields, int gidField) {
    List<Record> records = new ArrayList<>();
    Lines lines = new Lines(content);
    int lineNo = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = firstFields(line, 4);
      if (f.length < minFields || f[0].isEmpty()) {
        continue;
      }
      if (records.size() == MAX_RECORDS) {
        throw new AccountChecker.Undecidable(path + " has more than " + String.format(Locale.ROOT, "%,d", MAX_RECORDS)
            + " records, more than PodArmor reads of one file");
      }
      if (gidField < 0) {
        records.add(new Record(f[0], -1, -1, f[1], lineNo));
        continue;
      }
      Long id = parseId(f[2]);
      Long gid = parseId(f[gidField]);
      if (id != null && gid != null) {
        records.add(new Record(f[0], id, gid, f[1], lineNo));
      }
    }
    return new IdFile(records);
  }

  /** The first {@code n} fields of {@code split(":", -1)}, fewer when the line has fewer; the rest not made. */
  static String[] firstFields(String line, int n) {
    List<String> fields = new ArrayList<>(n);
    int start = 0;
    while (fields.size() < n) {
      int colon = line.indexOf(':', start);
      if (colon < 0) {
        fields.add(line.substring(start));
        break;
      }
      fields.add(line.substring(start, colon));
      start = colon + 1;
    }
    return fields.toArray(new String[0]);
  }

  /** Every record, in file order. */
  List<Record> records() {
    return records;
  }

  /** The id these digits spell, or {@code null} when not plain digits or beyond 0-2147483647. */
  static Long parseId(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    long id = Long.parseLong(s);
    return id <= UserResolver.MAX_ID ? id : null;
  }
}
