package io.podarmor.internal.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of {@code /etc/passwd} or {@code /etc/group}: a name and a numeric id (the uid, or the gid of a group),
 * plus a user's primary gid, the password field and the line number. Lines that are blank, comments or malformed
 * are skipped. {@link #shadow} reads {@code /etc/shadow} the same way (no ids there: they are -1).
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

  private final List<Record> records;

  private IdFile(List<Record> records) {
    this.records = records;
  }

  /** {@code name:password:uid:gid:gecos:home:shell}. */
  static IdFile passwd(String content) {
    return parse(content, 4, 3);
  }

  /** {@code name:password:gid:members}. */
  static IdFile group(String content) {
    return parse(content, 3, 2);
  }

  /** {@code name:password:lastchange:...}; ids are -1. */
  static IdFile shadow(String content) {
    return parse(content, 2, -1);
  }

  private static IdFile parse(String content, int minFields, int gidField) {
    List<Record> records = new ArrayList<>();
    String[] lines = content.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < minFields || f[0].isEmpty()) {
        continue;
      }
      if (gidField < 0) {
        records.add(new Record(f[0], -1, -1, f[1], i + 1));
        continue;
      }
      Long id = parseId(f[2]);
      Long gid = parseId(f[gidField]);
      if (id != null && gid != null) {
        records.add(new Record(f[0], id, gid, f[1], i + 1));
      }
    }
    return new IdFile(records);
  }

  /** Every record, in file order. */
  List<Record> records() {
    return records;
  }

  /** The first record with this name, as the engine (runc) takes it. */
  Optional<Record> byName(String name) {
    return records.stream().filter(r -> r.name.equals(name)).findFirst();
  }

  /** The first record with this id. */
  Optional<Record> byId(long id) {
    return records.stream().filter(r -> r.id == id).findFirst();
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
