package io.podarmor.internal.inspect;

import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import java.util.Optional;

/**
 * Resolves the config's {@code User} the way the engine (runc) does when it starts a container, through the image's
 * own {@code /etc/passwd} and {@code /etc/group}.
 *
 * <ul>
 *   <li>{@code ""}: root, uid 0; gid from root's {@code /etc/passwd} entry, else 0.
 *   <li>{@code uid} (numeric): that uid, even when {@code /etc/passwd} has no entry; the gid is that entry's, else 0.
 *   <li>{@code name}: the first {@code /etc/passwd} entry of that name; missing file or entry: cannot resolve.
 *   <li>{@code user:group}: the group part, numeric or a name from {@code /etc/group}, replaces the primary gid.
 * </ul>
 */
public final class UserResolver {
  /** The largest uid or gid the engine accepts. */
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
    int colon = spec.indexOf(':');
    String userPart = colon < 0 ? spec : spec.substring(0, colon);
    String groupPart = colon < 0 ? "" : spec.substring(colon + 1);

    long uid;
    long gid;
    String uidNote;
    String gidNote;
    Optional<IdFile> passwd = read(PASSWD);
    if (userPart.isEmpty()) {
      uid = 0;
      uidNote = " (root)";
      Optional<IdFile.Record> root = passwd.flatMap(p -> p.byId(0));
      gid = root.map(r -> r.primaryGid).orElse(0L);
      gidNote = root.isPresent() ? " (primary group in /etc/passwd)" : noEntry(passwd, 0);
    } else if (isNumeric(userPart)) {
      long numeric = id(userPart, "uid");
      uid = numeric;
      uidNote = "";
      Optional<IdFile.Record> entry = passwd.flatMap(p -> p.byId(numeric));
      gid = entry.map(r -> r.primaryGid).orElse(0L);
      gidNote = entry.isPresent() ? " (primary group in /etc/passwd)" : noEntry(passwd, uid);
    } else {
      if (passwd.isEmpty()) {
        throw new Undecided(quoted() + " names a user, but the image has no /etc/passwd to resolve it");
      }
      IdFile.Record entry = passwd.get().byName(userPart)
          .orElseThrow(() -> new Undecided(quoted() + ": no user " + userPart + " in /etc/passwd"));
      uid = entry.id;
      uidNote = " (" + userPart + " in /etc/passwd)";
      gid = entry.primaryGid;
      gidNote = " (primary group in /etc/passwd)";
    }
    if (!groupPart.isEmpty()) {
      if (isNumeric(groupPart)) {
        gid = id(groupPart, "gid");
        gidNote = "";
      } else {
        Optional<IdFile> group = read(GROUP);
        if (group.isEmpty()) {
          throw new Undecided(quoted() + " names a group, but the image has no /etc/group to resolve it");
        }
        gid = group.get().byName(groupPart)
            .orElseThrow(() -> new Undecided(quoted() + ": no group " + groupPart + " in /etc/group")).id;
        gidNote = " (" + groupPart + " in /etc/group)";
      }
    }
    String who = spec.isEmpty() ? "User not set" : quoted();
    return UserResolution.resolved(uid, gid, who + ": uid " + uid + uidNote + ", gid " + gid + gidNote);
  }

  private static String noEntry(Optional<IdFile> passwd, long uid) {
    return passwd.isPresent() ? " (no /etc/passwd entry for uid " + uid + ")" : " (no /etc/passwd)";
  }

  private Optional<IdFile> read(String path) {
    if (Links.follow(fs, path).isEmpty()) {
      return Optional.empty();
    }
    String content;
    try {
      content = fs.readString(path);
    } catch (ImageException e) {
      throw new Undecided(quoted() + ": cannot read " + path + " (" + e.getMessage() + ")");
    }
    return Optional.of(path.equals(PASSWD) ? IdFile.passwd(content) : IdFile.group(content));
  }

  private long id(String digits, String what) {
    Long id = parseId(digits);
    if (id == null) {
      throw new Undecided(quoted() + ": " + what + " " + digits + " is out of range 0-" + MAX_ID);
    }
    return id;
  }

  private String quoted() {
    return "User \"" + spec + "\"";
  }

  static boolean isNumeric(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The id these digits spell, or {@code null} when not digits or out of the engine's range. */
  static Long parseId(String s) {
    if (!isNumeric(s) || s.length() > 10) {
      return null;
    }
    long id = Long.parseLong(s);
    return id <= MAX_ID ? id : null;
  }

  /** Carries the reason the user cannot be resolved out of the resolution. */
  private static final class Undecided extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecided(String reason) {
      super(reason, null, false, false);
    }
  }
}
