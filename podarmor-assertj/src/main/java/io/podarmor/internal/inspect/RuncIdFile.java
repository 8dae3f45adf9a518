package io.podarmor.internal.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /etc/passwd} or {@code /etc/group} parsed exactly as runc's user lookup parses it (the engine resolves
 * {@code User} with it): each line trimmed of Unicode white space, empty lines skipped, fields split on {@code :}, a
 * missing or unparsable number read as 0 and an out-of-range one as the nearest 64-bit value, the first matching
 * record taken. The two files differ as runc's two parsers do: in {@code /etc/passwd} a comment is a record named
 * {@code #…} and a line of 64 KiB or more makes the lookup fail; in {@code /etc/group} comments are skipped and lines
 * may be of any length. Names are compared as bytes: they are kept as ISO-8859-1 text, one char per byte.
 */
final class RuncIdFile {
  /** Go's {@code bufio.Scanner} refuses a longer line, and runc then fails the lookup. */
  static final int MAX_LINE = 65535;

  /** One record: a passwd user ({@code id} the uid, {@code gid} the primary gid) or a group ({@code id} the gid). */
  static final class Record {
    final String name;
    final long id;
    final long gid;
    /** How the id field was read, when it was not a plain number: "missing", or the field as written. */
    final String idProblem;
    final String gidProblem;
    final int line;

    Record(String name, long id, long gid, String idProblem, String gidProblem, int line) {
      this.name = name;
      this.id = id;
      this.gid = gid;
      this.idProblem = idProblem;
      this.gidProblem = gidProblem;
      this.line = line;
    }
  }

  private final List<Record> records;
  /** Why runc's scanner fails on this file, or {@code null}. */
  private final String failure;

  private RuncIdFile(List<Record> records, String failure) {
    this.records = records;
    this.failure = failure;
  }

  /** {@code name:password:uid:gid:gecos:home:shell}. */
  static RuncIdFile passwd(byte[] content) {
    return parse(content, 2, 3, false);
  }

  /** {@code name:password:gid:members}. */
  static RuncIdFile group(byte[] content) {
    return parse(content, 2, -1, true);
  }

  private static RuncIdFile parse(byte[] content, int idField, int gidField, boolean groupRules) {
    List<Record> records = new ArrayList<>();
    int lineNo = 0;
    int start = 0;
    while (start < content.length) {
      int nl = indexOf(content, (byte) '\n', start);
      int end = nl < 0 ? content.length : nl;
      lineNo++;
      if (!groupRules && end - start > MAX_LINE - 1) {
        return new RuncIdFile(records, "line " + lineNo + " is longer than " + (MAX_LINE - 1) + " bytes");
      }
      int[] trimmed = GoText.trimSpace(content, start, end);
      start = end + 1;
      if (trimmed[0] == trimmed[1] || (groupRules && content[trimmed[0]] == '#')) {
        continue;
      }
      List<String> fields = split(content, trimmed[0], trimmed[1]);
      String name = fields.get(0);
      String idText = fields.size() > idField ? fields.get(idField) : null;
      String gidText = gidField >= 0 && fields.size() > gidField ? fields.get(gidField) : null;
      records.add(new Record(name, GoText.atoiLenient(idText), gidField < 0 ? -1 : GoText.atoiLenient(gidText),
          problem(idText), gidField < 0 ? null : problem(gidText), lineNo));
    }
    return new RuncIdFile(records, null);
  }

  /** Why runc cannot read the file at all (the engine then refuses to start the container), or {@code null}. */
  String failure() {
    return failure;
  }

  /** The first record with this name (compared byte for byte; {@code name} is Go text, so UTF-8). */
  Record byName(String name) {
    String bytes = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    for (Record r : records) {
      if (r.name.equals(bytes)) {
        return r;
      }
    }
    return null;
  }

  /** The first record with this id. */
  Record byId(long id) {
    for (Record r : records) {
      if (r.id == id) {
        return r;
      }
    }
    return null;
  }

  /** A record's name for messages: its bytes as UTF-8. */
  static String display(Record r) {
    return new String(r.name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static String problem(String field) {
    if (field == null) {
      return "missing";
    }
    return GoText.atoi(field) == null ? field : null;
  }

  private static List<String> split(byte[] b, int from, int to) {
    List<String> fields = new ArrayList<>(7);
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || b[i] == ':') {
        fields.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
    }
    return fields;
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
