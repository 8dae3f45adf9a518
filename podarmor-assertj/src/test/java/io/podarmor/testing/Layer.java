package io.podarmor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One image layer written entry by entry with exact modes, owners, links and whiteouts, in the order given.
 * Paths are absolute ({@code /usr/bin/passwd}); they are written as tar names without the leading slash, as
 * Docker writes them.
 *
 * <pre>{@code
 * Layer.create()
 *     .dir("/usr/bin", 0755)
 *     .file("/usr/bin/passwd", "x", 04755)
 *     .symlink("/bin/sh", "busybox")
 *     .whiteout("/etc/old.conf");
 * }</pre>
 */
public final class Layer {
  private final List<Entry> entries = new ArrayList<>();
  private long uid;
  private long gid;

  private Layer() {}

  public static Layer create() {
    return new Layer();
  }

  /** Owner for the entries added after this call (default 0:0). */
  public Layer owner(long uid, long gid) {
    this.uid = uid;
    this.gid = gid;
    return this;
  }

  public Layer dir(String path, int mode) {
    return add(new Entry(name(path) + "/", TarConstants.LF_DIR, mode, null, null));
  }

  public Layer file(String path, String content, int mode) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  public Layer file(String path, byte[] content, int mode) {
    return add(new Entry(name(path), TarConstants.LF_NORMAL, mode, content, null));
  }

  /** A file whose content is copied from the host, e.g. a static binary. */
  public Layer copy(String path, Path hostFile, int mode) {
    try {
      return file(path, Files.readAllBytes(hostFile), mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Layer symlink(String path, String target) {
    return add(new Entry(name(path), TarConstants.LF_SYMLINK, 0777, null, target));
  }

  /**
   * A hard link to {@code target}, an absolute path written earlier in this layer (the engine links within the layer
   * it unpacks). Its header carries the target's mode and owner, as tar and Go's writer write it; the engine applies
   * a hard link header's mode and owner to the file, see {@link #hardlink(String, String, int)}.
   */
  public Layer hardlink(String path, String target) {
    String targetName = name(target);
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.name.equals(targetName)) {
        Entry link = new Entry(name(path), TarConstants.LF_LINK, e.mode, null, targetName);
        link.uid = e.uid;
        link.gid = e.gid;
        entries.add(link);
        return this;
      }
    }
    return add(new Entry(name(path), TarConstants.LF_LINK, 0, null, targetName));
  }

  /** A hard link whose header gives this mode: the engine sets it on the file, for every name of it. */
  public Layer hardlink(String path, String target, int mode) {
    return add(new Entry(name(path), TarConstants.LF_LINK, mode, null, name(target)));
  }

  /** An OCI whiteout: {@code .wh.<name>} beside the deleted path. */
  public Layer whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return add(new Entry(name(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1)),
        TarConstants.LF_NORMAL, 0, new byte[0], null));
  }

  /** An opaque whiteout: hides everything lower layers had under this directory. */
  public Layer opaque(String dir) {
    return add(new Entry(name(dir.endsWith("/") ? dir : dir + "/") + ".wh..wh..opq", TarConstants.LF_NORMAL, 0,
        new byte[0], null));
  }

  /** A raw tar entry name, written as is (for entries that escape the root, say). */
  public Layer rawFile(String tarName, String content, int mode) {
    return add(new Entry(tarName, TarConstants.LF_NORMAL, mode, content.getBytes(StandardCharsets.UTF_8), null));
  }

  public Layer charDevice(String path, int mode) {
    return add(new Entry(name(path), TarConstants.LF_CHR, mode, null, null));
  }

  private Layer add(Entry e) {
    e.uid = uid;
    e.gid = gid;
    entries.add(e);
    return this;
  }

  private static String name(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /** The uncompressed tar. */
  public byte[] toTar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTo(out);
    return out.toByteArray();
  }

  /** Writes the uncompressed tar to a stream (left open). */
  public void writeTo(OutputStream out) {
    try {
      TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), "UTF-8");
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry te = new TarArchiveEntry(e.name, e.type, false);
        te.setMode(e.mode);
        te.setUserId(e.uid);
        te.setGroupId(e.gid);
        te.setModTime(0);
        if (e.linkName != null) {
          te.setLinkName(e.linkName);
        }
        te.setSize(e.content == null ? 0 : e.content.length);
        tar.putArchiveEntry(te);
        if (e.content != null) {
          tar.write(e.content);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Entry {
    final String name;
    final byte type;
    final int mode;
    final byte[] content;
    final String linkName;
    long uid;
    long gid;

    Entry(String name, byte type, int mode, byte[] content, String linkName) {
      this.name = name;
      this.type = type;
      this.mode = mode;
      this.content = content;
      this.linkName = linkName;
    }
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
