package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.MergedFilesystem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the config's {@code User} as the engine does when it starts a container: runc's user lookup
 * ({@code GetExecUser}, which the engine runs on the image's own {@code /etc/passwd} and {@code /etc/group}, found
 * through symlinks within the image), then a conversion to the 32-bit ids the kernel takes.
 *
 * <ul>
 *   <li>{@code ""}: root, uid 0; the gid of the first {@code /etc/passwd} record with uid 0, else 0.
 *   <li>a number ({@code 65532}, {@code +0}, {@code 007}): that uid; its gid from the first record with that uid, else 0.
 *       Without a record it must be within 0-2147483647.
 *   <li>a name: the first record of that name, whatever follows; its uid field read as runc reads it (a missing or
 *       unparsable field is 0, root).
 *   <li>{@code user:group}: the group part, numeric or a name from {@code /etc/group}, replaces the primary gid.
 *       Without it, a user found in {@code /etc/passwd} gets every group whose member list names it as supplementary.
 * </ul>
 *
 * A uid or gid outside 0-2147483647 that the engine passes on (it keeps the low 32 bits) is root when those bits are
 * 0, and cannot be decided otherwise. Where the engine would refuse to start the container, the user cannot be
 * resolved.
 */
public final class UserResolver {
  /** The largest uid or gid runc accepts for a number without a record. */
  static final long MAX_ID = Integer.MAX_VALUE;

  private static final String PASSWD = "/etc/passwd";
  private static final String GROUP = "/etc/group";

  private final String spec;
  private final ImageFilesystem fs;

  private UserResolver(String spec, ImageFilesystem fs) {
    this.spec = spec;
    this.fs = fs;
  }

  /** Resolves {@code user} (the config's {@code User}, {@code ""} when not set) in this filesystem. */
  public static UserResolution resolve(String user, ImageFilesystem fs) {
    try {
      return new UserResolver(user == null ? "" : user, fs).resolve();
    } catch (Undecided e) {
      return UserResolution.undecided(e.getMessage());
    }
  }

  private UserResolution resolve() {
    // runc splits the spec on ':' and takes the first two parts (only those two are made here)
    int first = spec.indexOf(':');
    int second = first < 0 ? -1 : spec.indexOf(':', first + 1);
    String userPart = first < 0 ? spec : spec.substring(0, first);
    String groupPart = first < 0 ? "" : spec.substring(first + 1, second < 0 ? spec.length() : second);
    Long userNumber = GoText.atoi(userPart);
    Long groupNumber = GoText.atoi(groupPart);

    RuncIdFile passwd = read(PASSWD);
    long uid;
    long gid;
    String uidNote;
    String gidNote;
    String matched = null;
    RuncIdFile.Record record;
    if (userPart.isEmpty()) {
      record = passwd == null ? null : passwd.byId(0);
    } else if (userNumber != null) {
      record = passwd == null ? null : passwd.byId(userNumber);
    } else {
      record = passwd == null ? null : passwd.byName(userPart);
    }
    if (record != null) {
      matched = RuncIdFile.display(record);
      uid = record.id;
      gid = record.gid;
      uidNote = userPart.isEmpty() ? " (root)" : userNumber != null ? "" : " (" + matched + " in /etc/passwd"
          + fieldNote(record.idProblem, "uid", record.line) + ")";
      gidNote = " (primary group in /etc/passwd" + fieldNote(record.gidProblem, "gid", record.line) + ")";
    } else if (userPart.isEmpty()) {
      uid = 0;
      gid = 0;
      uidNote = " (root)";
      gidNote = passwd == null ? " (no /etc/passwd)" : " (no /etc/passwd entry for uid 0)";
    } else if (userNumber == null) {
      throw new Undecided(passwd == null
          ? quoted() + " names a user, but the image has no /etc/passwd to resolve it"
          : quoted() + ": no user " + userPart + " in /etc/passwd");
    } else {
      uid = userNumber;
      if (uid < 0 || uid > MAX_ID) {
        throw new Undecided(quoted() + ": uid " + userPart + " is out of range 0-" + MAX_ID);
      }
      gid = 0;
      uidNote = "";
      gidNote = passwd == null ? " (no /etc/passwd)" : " (no /etc/passwd entry for uid " + uid + ")";
    }
    List<Long> groups = List.of();
    if (!groupPart.isEmpty() || matched != null) {
      RuncIdFile group = read(GROUP);
      if (groupPart.isEmpty() && group != null) {
        groups = group.gidsListing(record.name).stream().map(this::kernelId).toList();
      }
      if (!groupPart.isEmpty()) {
        RuncIdFile.Record g = group == null ? null
            : groupNumber != null ? group.byId(groupNumber) : group.byName(groupPart);
        if (g != null) {
          gid = g.id;
          gidNote = groupNumber != null ? "" : " (" + RuncIdFile.display(g) + " in /etc/group"
              + fieldNote(g.idProblem, "gid", g.line) + ")";
        } else if (groupNumber == null) {
          throw new Undecided(group == null
              ? quoted() + " names a group, but the image has no /etc/group to resolve it"
              : quoted() + ": no group " + groupPart + " in /etc/group");
        } else {
          gid = groupNumber;
          if (gid < 0 || gid > MAX_ID) {
            throw new Undecided(quoted() + ": gid " + groupPart + " is out of range 0-" + MAX_ID);
          }
          gidNote = "";
        }
      }
    }
    return UserResolution.resolved(kernelId(uid), kernelId(gid), groups,
        quoted() + ": " + describe("uid", uid, uidNote) + ", " + describe("gid", gid, gidNote));
  }

  /**
   * The id the kernel gets: the engine keeps the low 32 bits of what runc found. Root when those are 0; an id out of
   * range otherwise cannot be decided.
   */
  private long kernelId(long id) {
    return id >= 0 && id <= MAX_ID ? id : id & 0xffffffffL;
  }

  /** {@code uid 65532 (note)}; an id out of range says what the engine makes of it, or fails when that is not 0. */
  private String describe(String what, long id, String note) {
    if (id >= 0 && id <= MAX_ID) {
      return what + " " + id + note;
    }
    long low = id & 0xffffffffL;
    if (low != 0) {
      throw new Undecided(quoted() + ": " + what + " " + id + note + " is out of range 0-" + MAX_ID
          + "; the engine would pass it on as " + low + ", which PodArmor does not take as a verdict");
    }
    return what + " 0" + note + " (the engine keeps the low 32 bits of " + id + ", which are 0)";
  }

  /** How a record's field was read when it was not a plain number: said in the description. */
  private static String fieldNote(String problem, String what, int line) {
    if (problem == null) {
      return "";
    }
    return problem.equals("missing")
        ? ", line " + line + " has no " + what + " field: the engine reads it as 0"
        : ", line " + line + ": " + what + " field \"" + problem + "\" is not a number, which the engine reads as "
            + GoText.atoiLenient(problem);
  }

  /** The file as runc reads it, {@code null} when the engine finds none; failures make the user undecidable. */
  private RuncIdFile read(String path) {
    Optional<FileEntry> entry;
    try {
      entry = fs instanceof MergedFilesystem merged
          ? merged.resolve(path, MergedFilesystem.MAX_SCOPED_HOPS) : fs.resolve(path);
    } catch (ImageException e) {
      throw new Undecided(quoted() + ": cannot read " + path + " (" + e.getMessage() + ")");
    }
    if (entry.isEmpty()) {
      return null;
    }
    byte[] content;
    try {
      content = fs instanceof MergedFilesystem merged ? merged.readBytes(withinKernelHops(merged, path, entry.get()))
          : fs.readString(path).getBytes(StandardCharsets.UTF_8);
    } catch (ImageException e) {
      throw new Undecided(quoted() + ": cannot read " + path + " (" + e.getMessage() + ")");
    }
    RuncIdFile file = path.equals(PASSWD) ? RuncIdFile.passwd(content) : RuncIdFile.group(content);
    if (file.failure() != null) {
      throw new Undecided(quoted() + ": the engine cannot read " + path + ": " + file.failure());
    }
    return file;
  }

  /** The path itself, or the file it leads to when that takes more symlinks than a kernel lookup follows. */
  private static String withinKernelHops(MergedFilesystem fs, String path, FileEntry target) {
    try {
      fs.resolve(path);
      return path;
    } catch (ImageException moreThan40) {
      return target.path();
    }
  }

  private String quoted() {
    return spec.isEmpty() ? "User not set" : "User \"" + spec + "\"";
  }

  /** Carries the reason the user cannot be resolved out of the resolution. */
  private static final class Undecided extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecided(String reason) {
      super(reason, null, false, false);
    }
  }
}
