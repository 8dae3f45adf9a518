package io.podarmor.internal.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

  private final byte[] content;
  private final int idField;
  private final int gidField;
  private final boolean groupRules;
  /** Why runc's scanner fails on this file, or {@code null}. */
  private final String failure;

  private RuncIdFile(byte[] content, int idField, int gidField, boolean groupRules) {
    this.content = content;
    this.idField = idField;
    this.gidField = gidField;
    this.groupRules = groupRules;
    this.failure = groupRules ? null : longLine(content);
  }

  /** {@code name:password:uid:gid:gecos:home:shell}. */
  static RuncIdFile passwd(byte[] content) {
    return new RuncIdFile(content, 2, 3, false);
  }

  /** {@code name:password:gid:members}. */
  static RuncIdFile group(byte[] content) {
    return new RuncIdFile(content, 2, -1, true);
  }

  /** Why runc cannot read the file at all (the engine then refuses to start the container), or {@code null}. */
  String failure() {
    return failure;
  }

  /** The first record with this name (compared byte for byte; {@code name} is Go text, so UTF-8). */
  Record byName(String name) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    return first((from, to) -> Arrays.equals(content, from, fieldEnd(from, to), wanted, 0, wanted.length));
  }

  /** The first record with this id. */
  Record byId(long id) {
    return first((from, to) -> GoText.atoiLenient(field(from, to, idField)) == id);
  }

  /**
   * The gids of every record whose member list (the fourth field, split on {@code ,}) holds this name, a record's
   * {@link Record#name} as read from {@code /etc/passwd}.
   */
  List<Long> gidsListing(String name) {
    List<Long> gids = new ArrayList<>();
    forEachLine((from, to) -> {
      String members = field(from, to, 3);
      if (members != null && Arrays.asList(members.split(",", -1)).contains(name)) {
        gids.add(GoText.atoiLenient(field(from, to, idField)));
      }
      return false;
    });
    return gids;
  }

  /** A test on a record's line, {@code content[from, to)} trimmed, before the record is made. */
  private interface LineTest {
    boolean test(int from, int to);
  }

  /**
   * The record of the first line that passes, lines read one at a time as runc's scanner reads them and nothing kept
   * of the others: a file of millions of lines (within the bytes kept of it) costs no list of millions of records.
   */
  private Record first(LineTest test) {
    int[] found = forEachLine(test);
    if (found == null) {
      return null;
    }
    String idText = field(found[0], found[1], idField);
    String gidText = gidField >= 0 ? field(found[0], found[1], gidField) : null;
    return new Record(field(found[0], found[1], 0), GoText.atoiLenient(idText),
        gidField < 0 ? -1 : GoText.atoiLenient(gidText), problem(idText), gidField < 0 ? null : problem(gidText),
        found[2]);
  }

  /** Runs the test on each record's line, trimmed, until it passes: {@code {from, to, line number}}, or null. */
  private int[] forEachLine(LineTest test) {
    int lineNo = 0;
    int start = 0;
    while (start < content.length) {
      int nl = indexOf(content, (byte) '\n', start);
      int end = nl < 0 ? content.length : nl;
      lineNo++;
      int[] trimmed = GoText.trimSpace(content, start, end);
      start = end + 1;
      if (trimmed[0] == trimmed[1] || (groupRules && content[trimmed[0]] == '#')) {
        continue;
      }
      if (test.test(trimmed[0], trimmed[1])) {
        return new int[] {trimmed[0], trimmed[1], lineNo};
      }
    }
    return null;
  }

  /** Where runc's scanner stops with an error: the first line of 64 KiB or more, or {@code null}. */
  private static String longLine(byte[] content) {
    int lineNo = 0;
    int start = 0;
    while (start < content.length) {
      int nl = indexOf(content, (byte) '\n', start);
      int end = nl < 0 ? content.length : nl;
      lineNo++;
      if (end - start > MAX_LINE - 1) {
        return "line " + lineNo + " is longer than " + (MAX_LINE - 1) + " bytes";
      }
      start = end + 1;
    }
    return null;
  }

  /** Field {@code n} (from 0) of the line {@code content[from, to)} split on {@code :}; {@code null} past the last. */
  private String field(int from, int to, int n) {
    int start = from;
    for (int i = 0; i < n; i++) {
      int colon = indexOf(content, (byte) ':', start, to);
      if (colon < 0) {
        return null;
      }
      start = colon + 1;
    }
    return new String(content, start, fieldEnd(start, to) - start, StandardCharsets.ISO_8859_1);
  }

  /** The end of the field starting at {@code from}. */
  private int fieldEnd(int from, int to) {
    int colon = indexOf(content, (byte) ':', from, to);
    return colon < 0 ? to : colon;
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

  private static int indexOf(byte[] b, byte x, int from) {
    return indexOf(b, x, from, b.length);
  }

  private static int indexOf(byte[] b, byte x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
