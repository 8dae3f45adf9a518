package io.podarmor.internal.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of {@code /etc/passwd} or {@code /etc/group}: a name and a numeric id (the uid, or the gid of a group),
 * plus a user's primary gid. Lines that are blank, comments or malformed are skipped.
 */
final class IdFile {
  /** One record. {@code primaryGid} is the user's group for passwd, the group's own gid for group. */
  static final class Record {
    final String name;
    final long id;
    final long primaryGid;

    Record(String name, long id, long primaryGid) {
      this.name = name;
      this.id = id;
      this.primaryGid = primaryGid;
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

  private static IdFile parse(String content, int minFields, int gidField) {
    List<Record> records = new ArrayList<>();
    for (String line : content.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < minFields || f[0].isEmpty()) {
        continue;
      }
      Long id = UserResolver.parseId(f[2]);
      Long gid = UserResolver.parseId(f[gidField]);
      if (id != null && gid != null) {
        records.add(new Record(f[0], id, gid));
      }
    }
    return new IdFile(records);
  }

  /** The first record with this name, as the engine (runc) takes it. */
  Optional<Record> byName(String name) {
    return records.stream().filter(r -> r.name.equals(name)).findFirst();
  }

  /** The first record with this id. */
  Optional<Record> byId(long id) {
    return records.stream().filter(r -> r.id == id).findFirst();
  }
}
