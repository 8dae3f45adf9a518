package io.podarmor.image;

import java.util.Objects;
import java.util.Optional;

/**
 * One path of the merged image filesystem with the metadata the last layer to touch it wrote: type, full mode
 * (including setuid, setgid and sticky bits), owner, size, link target and the layer it came from.
 *
 * <pre>{@code fs.get("/usr/bin/passwd").map(FileEntry::lsMode)  // "-rwsr-xr-x"}</pre>
 */
public final class FileEntry {
  /** Mode bit: set-user-ID on execution. */
  public static final int SETUID = 04000;
  /** Mode bit: set-group-ID on execution. */
  public static final int SETGID = 02000;
  /** Mode bit: restricted deletion (sticky). */
  public static final int STICKY = 01000;

  private final String path;
  private final FileType type;
  private final int mode;
  private final long uid;
  private final long gid;
  private final long size;
  private final String linkTarget;
  private final String hardLinkTarget;
  private final int layerIndex;
  private final String layerDigest;
  private final String identifiedProgram;
  private final String interpreter;
  private final String architecture;

  private FileEntry(Builder b) {
    this.path = Objects.requireNonNull(b.path, "path");
    this.type = Objects.requireNonNull(b.type, "type");
    this.mode = b.mode & 07777;
    this.uid = b.uid;
    this.gid = b.gid;
    this.size = b.size;
    this.linkTarget = b.linkTarget;
    this.hardLinkTarget = b.hardLinkTarget;
    this.layerIndex = b.layerIndex;
    this.layerDigest = b.layerDigest == null ? "" : b.layerDigest;
    this.identifiedProgram = b.identifiedProgram;
    this.interpreter = b.interpreter;
    this.architecture = b.architecture;
  }

  /** A builder for an entry at the given absolute path. */
  public static Builder builder(String path, FileType type) {
    return new Builder(path, type);
  }

  /** A copy of this entry as a builder. */
  public Builder toBuilder() {
    Builder b = new Builder(path, type);
    b.mode = mode;
    b.uid = uid;
    b.gid = gid;
    b.size = size;
    b.linkTarget = linkTarget;
    b.hardLinkTarget = hardLinkTarget;
    b.layerIndex = layerIndex;
    b.layerDigest = layerDigest;
    b.identifiedProgram = identifiedProgram;
    b.interpreter = interpreter;
    b.architecture = architecture;
    return b;
  }

  /** The absolute, normalized path, e.g. {@code /usr/bin/passwd}. */
  public String path() {
    return path;
  }

  /** The file name: the last path element ({@code "/"} for the root). */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 || path.length() == 1 ? path : path.substring(slash + 1);
  }

  /** The kind of entry. */
  public FileType type() {
    return type;
  }

  /** Permission and special bits ({@code 07777}), e.g. {@code 04755}. */
  public int mode() {
    return mode;
  }

  /** The owner's numeric user id. */
  public long uid() {
    return uid;
  }

  /** The owner's numeric group id. */
  public long gid() {
    return gid;
  }

  /** Size in bytes of a regular file; 0 for other types. */
  public long size() {
    return size;
  }

  /** True for a regular file. */
  public boolean isRegularFile() {
    return type == FileType.REGULAR;
  }

  /** True for a directory. */
  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /** True for a symbolic link. */
  public boolean isSymlink() {
    return type == FileType.SYMLINK;
  }

  /** True when the setuid bit is set. */
  public boolean isSetuid() {
    return (mode & SETUID) != 0;
  }

  /** True when the setgid bit is set. */
  public boolean isSetgid() {
    return (mode & SETGID) != 0;
  }

  /** True when the sticky bit is set. */
  public boolean isSticky() {
    return (mode & STICKY) != 0;
  }

  /** True when any of the owner, group or other execute bits is set. */
  public boolean isExecutable() {
    return (mode & 0111) != 0;
  }

  /** The target of a symbolic link, exactly as stored (absolute or relative). */
  public Optional<String> linkTarget() {
    return Optional.ofNullable(linkTarget);
  }

  /** For a hard link, the path it links to (this entry carries that file's metadata). */
  public Optional<String> hardLinkTarget() {
    return Optional.ofNullable(hardLinkTarget);
  }

  /** The 1-based position of the layer that last wrote this path. */
  public int layerIndex() {
    return layerIndex;
  }

  /** The digest (diff ID) of the layer that last wrote this path. */
  public String layerDigest() {
    return layerDigest;
  }

  /**
   * The program this file's content identifies it as, from a bounded sniff of executables, e.g. {@code busybox},
   * {@code toybox} or {@code bash}, whatever the file is called.
   */
  public Optional<String> identifiedProgram() {
    return Optional.ofNullable(identifiedProgram);
  }

  /**
   * For a script, the interpreter its {@code #!} line names, as the kernel reads it (the first word after {@code #!}
   * in the file's first 256 bytes), e.g. {@code /bin/sh}; empty for any other file.
   */
  public Optional<String> interpreter() {
    return Optional.ofNullable(interpreter);
  }

  /**
   * For an ELF file, the architecture its header names, as OCI platforms name it ({@code amd64}, {@code arm64},
   * {@code arm}, {@code 386}, …, or {@code "ELF machine <number>"}); empty for any other file.
   */
  public Optional<String> architecture() {
    return Optional.ofNullable(architecture);
  }

  /** The mode as {@code ls -l} prints it, e.g. {@code -rwsr-xr-x} or {@code drwxrwxrwt}. */
  public String lsMode() {
    char[] s = new char[10];
    s[0] = type.lsChar();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s[i + 1] = (mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-';
    }
    s[3] = special(s[3], isSetuid(), 's');
    s[6] = special(s[6], isSetgid(), 's');
    s[9] = special(s[9], isSticky(), 't');
    return new String(s);
  }

  private static char special(char current, boolean set, char lower) {
    if (!set) {
      return current;
    }
    return current == '-' ? Character.toUpperCase(lower) : lower;
  }

  /** A short description of the layer: {@code layer 3 (sha256:0123456789ab)}. */
  public String layerDescription() {
    String shortDigest = layerDigest.length() > 19 ? layerDigest.substring(0, 19) : layerDigest;
    return "layer " + layerIndex + (shortDigest.isEmpty() ? "" : " (" + shortDigest + ")");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileEntry)) {
      return false;
    }
    FileEntry e = (FileEntry) o;
    return path.equals(e.path) && type == e.type && mode == e.mode && uid == e.uid && gid == e.gid && size == e.size
        && Objects.equals(linkTarget, e.linkTarget) && Objects.equals(hardLinkTarget, e.hardLinkTarget)
        && layerIndex == e.layerIndex && layerDigest.equals(e.layerDigest)
        && Objects.equals(identifiedProgram, e.identifiedProgram) && Objects.equals(interpreter, e.interpreter)
        && Objects.equals(architecture, e.architecture);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, type, mode, uid, gid, size, linkTarget, layerIndex);
  }

  /** Like {@code ls -l}: {@code -rwsr-xr-x 0:0 /usr/bin/passwd}, with {@code -> target} for links. */
  @Override
  public String toString() {
    return lsMode() + " " + uid + ":" + gid + " " + path + (linkTarget == null ? "" : " -> " + linkTarget);
  }

  /** Builds a {@link FileEntry}. */
  public static final class Builder {
    private final String path;
    private final FileType type;
    private int mode;
    private long uid;
    private long gid;
    private long size;
    private String linkTarget;
    private String hardLinkTarget;
    private int layerIndex;
    private String layerDigest;
    private String identifiedProgram;
    private String interpreter;
    private String architecture;

    private Builder(String path, FileType type) {
      this.path = path;
      this.type = type;
    }

    /** Sets the mode. */
    public Builder mode(int mode) {
      this.mode = mode;
      return this;
    }

    /** Sets the numeric owner. */
    public Builder owner(long uid, long gid) {
      this.uid = uid;
      this.gid = gid;
      return this;
    }

    /** Sets the size. */
    public Builder size(long size) {
      this.size = size;
      return this;
    }

    /** Sets the link target. */
    public Builder linkTarget(String linkTarget) {
      this.linkTarget = linkTarget;
      return this;
    }

    /** Sets the hard link target. */
    public Builder hardLinkTarget(String hardLinkTarget) {
      this.hardLinkTarget = hardLinkTarget;
      return this;
    }

    /** Sets the layer (its index and digest) the entry comes from. */
    public Builder layer(int index, String digest) {
      this.layerIndex = index;
      this.layerDigest = digest;
      return this;
    }

    /** Sets the program the content was identified as. */
    public Builder identifiedProgram(String identifiedProgram) {
      this.identifiedProgram = identifiedProgram;
      return this;
    }

    /** Sets the interpreter a script's {@code #!} line names. */
    public Builder interpreter(String interpreter) {
      this.interpreter = interpreter;
      return this;
    }

    /** Sets the architecture an ELF file's header names. */
    public Builder architecture(String architecture) {
      this.architecture = architecture;
      return this;
    }

    /** Builds it. */
    public FileEntry build() {
      return new FileEntry(this);
    }
  }
}
