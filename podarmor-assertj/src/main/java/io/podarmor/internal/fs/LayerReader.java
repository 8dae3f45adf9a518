package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageException;
import io.podarmor.internal.tar.Names;
import io.podarmor.internal.tar.TarFormatException;
import io.podarmor.internal.tar.TarHeader;
import io.podarmor.internal.tar.TarReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads one uncompressed layer tar into a {@link LayerIndex}, as the engine unpacks it into the layer's own directory
 * (Go's {@code archive/tar}, then Docker's {@code archive.Unpack} with overlay whiteouts, in a chroot):
 *
 * <ul>
 *   <li>names are cleaned with {@code ..} stopping at the root; {@code .} entries and global PAX headers are skipped;
 *   <li>no two entries may name the same path (the engine's layer store refuses the layer); names that differ but
 *       clean to the same place ({@code x} and {@code /x}) do, and the later entry replaces the earlier one (and what
 *       was below it), except that a directory over a directory only takes the new metadata;
 *   <li>a hard link shares its target's file, and its own header's mode and owner become that file's, for every name
 *       of it, as the engine's {@code chown} and {@code chmod} of the new name do;
 *   <li>{@code .wh.<name>} and {@code .wh..wh..opq} are whiteouts and opaque markers.
 * </ul>
 *
 * What the engine refuses (a type it does not handle, a hard link to a file this layer lacks, a name or link target the
 * kernel cannot create) is an {@link ImageException}; so is an entry written through a symlink of the same layer,
 * which the engine follows but PodArmor does not model. While the layer streams by, every regular ELF file is
 * identified ({@link ProgramSniffer}), the files its {@link LayerPass} names are retained and its scanners run;
 * only metadata, retained contents and the scanners' findings are kept.
 */
public final class LayerReader {
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  /** One buffer per reading thread for the files scanned but not kept; grown to the pass's largest scan. */
  private static final ThreadLocal<byte[]> SCAN_BUFFER = ThreadLocal.withInitial(() -> new byte[0]);
  /** The first bytes of a file read as a stream: whether it is ELF or a script. */
  private static final ThreadLocal<byte[]> HEAD = ThreadLocal.withInitial(() -> new byte[Shebang.BUFFER]);

  private final String what;
  private final TarReader tar;
  private final TreeMap<String, Node> nodes = new TreeMap<>(ImagePaths.ORDER);
  /** Every name the tar gave, cleaned as the engine's layer store cleans it to refuse duplicates. */
  private final java.util.Set<String> names = new java.util.HashSet<>();
  private final LayerPass pass;
  private final List<ScanHit> hits = new ArrayList<>(0);
  private final int maxEntries = ImageLimits.maxEntries();
  private final long retainedPerLayer = ImageLimits.retainedPerLayer();
  private long retained;
  /** The last parent directory checked to exist as a plain directory: consecutive entries share it. */
  private String lastParent;

  private LayerReader(InputStream in, String what, LayerPass pass) {
    this.what = what;
    this.pass = pass;
    this.tar = new TarReader(in);
  }

  /**
   * Reads the tar stream to its end-of-archive marker (the caller drains and verifies what follows).
   *
   * @param what names the layer in errors, e.g. {@code layer 2 (sha256:…) of oci:/tmp/layout}
   * @param pass what to keep and scan beside the index
   */
  public static LayerIndex read(InputStream uncompressedTar, String what, LayerPass pass) {
    LayerReader reader = new LayerReader(uncompressedTar, what, pass);
    try {
      TarHeader h;
      while ((h = reader.tar.next()) != null) {
        reader.apply(h);
      }
    } catch (ImageException e) {
      throw e;
    } catch (TarFormatException | EOFException e) {
      throw new ImageException(what + ": cannot read the layer as the engine would: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new ImageException(what + ": cannot read the layer (" + describe(e) + ")", e);
    }
    return reader.index();
  }

  private void apply(TarHeader h) throws IOException {
    if (!names.add(ImagePaths.goClean(h.name()))) {
      // the engine's layer store (tar-split) refuses any layer that names a path twice, whatever the entries' types
      throw refused(h, "names a path an earlier entry of the layer named: the engine refuses such a layer "
          + "(\"duplicates of file paths not supported\")");
    }
    if (h.type() == TarHeader.PAX_GLOBAL) {
      return; // the engine skips global headers, and applies their records to nothing
    }
    if (ImagePaths.isDot(h.name())) {
      return; // the engine skips ".", whatever its type, and leaves its own root directory as it is
    }
    String path = ImagePaths.clean(h.name());
    if (path.equals("/")) {
      if (h.type() == TarHeader.DIRECTORY) {
        return; // only the root's own metadata, which no check reads
      }
      throw refused(h, "names the root directory but is not a directory: the engine fails to replace it");
    }
    String name = ImagePaths.fileName(path);
    String parent = ImagePaths.parent(path);
    requireCreatable(h, parent);
    ensureParent(h, parent);
    if (name.startsWith(WHITEOUT_PREFIX)) {
      whiteout(h, parent, name);
      return;
    }
    requireCreatable(h, path);
    Node existing = nodes.get(path);
    boolean directory = h.type() == TarHeader.DIRECTORY;
    if (existing != null && !(existing.type == FileType.DIRECTORY && directory)) {
      removeTree(path);
      existing = null;
    }
    switch (h.type()) {
      case TarHeader.DIRECTORY:
        if (existing != null) {
          existing.inode.owner(h).mode = (int) (h.mode() & 07777);
          existing.implied = false;
        } else {
          put(path, new Node(FileType.DIRECTORY, new Inode(h)));
        }
        break;
      case TarHeader.REGULAR:
        put(path, new Node(FileType.REGULAR, regularFile(h, path)));
        break;
      case TarHeader.SYMLINK: {
        if (utf8Length(h.linkName()) > ImageLimits.MAX_LINK_TARGET_BYTES) {
          throw refused(h, "is a symlink whose target is longer than " + ImageLimits.MAX_LINK_TARGET_BYTES
              + " bytes, which the kernel cannot create");
        }
        Inode inode = new Inode(h);
        inode.mode = 0777;
        inode.linkTarget = h.linkName();
        put(path, new Node(FileType.SYMLINK, inode));
        break;
      }
      case TarHeader.HARD_LINK:
        hardLink(h, path);
        break;
      case TarHeader.CHAR_DEVICE:
        put(path, new Node(FileType.CHARACTER_DEVICE, new Inode(h)));
        break;
      case TarHeader.BLOCK_DEVICE:
        put(path, new Node(FileType.BLOCK_DEVICE, new Inode(h)));
        break;
      case TarHeader.FIFO:
        put(path, new Node(FileType.FIFO, new Inode(h)));
        break;
      default:
        throw refused(h, "has tar type " + h.typeName() + ", which the engine does not unpack (it refuses the layer)");
    }
  }

  /** A regular file: its content is identified, scanned and, for the files checks read, kept. */
  private Inode regularFile(TarHeader h, String path) throws IOException {
    Inode inode = new Inode(h);
    long size = h.size();
    inode.size = size;
    long limit = pass.limit(path);
    boolean keep = limit >= 0 && size <= limit && retained + size <= retainedPerLayer;
    if (limit >= 0 && !keep) {
      inode.notRetained = size > limit
          ? String.format("%s (%,d bytes) is larger than the %s PodArmor keeps of such a file", path, size,
              ImageLimits.mib(limit))
          : String.format("%s (%,d bytes) is beyond the %s of file content PodArmor keeps per layer (a larger -Xmx "
              + "raises it)", path, size, ImageLimits.mib(retainedPerLayer));
    }
    List<ContentScanner> scanners = scannersOf(path, size);
    if (keep) {
      byte[] content = readFully((int) size);
      retained += size;
      inode.content = content;
      inode.program = ProgramSniffer.identify(content, content.length);
      inode.interpreter = Shebang.interpreter(content, content.length);
      inode.architecture = Elf.architecture(content, content.length);
      scanners.forEach(s -> s.scan(path, content, content.length, hits));
    } else if (!scanners.isEmpty()) {
      byte[] buf = scanBuffer();
      int n = tar.content().readNBytes(buf, 0, (int) size);
      inode.program = ProgramSniffer.identify(buf, n);
      inode.interpreter = Shebang.interpreter(buf, n);
      inode.architecture = Elf.architecture(buf, n);
      scanners.forEach(s -> s.scan(path, buf, n, hits));
    } else {
      byte[] head = HEAD.get();
      int n = tar.content().readNBytes(head, 0, (int) Math.min(size, Shebang.BUFFER));
      inode.interpreter = Shebang.interpreter(head, n);
      inode.architecture = Elf.architecture(head, n);
      inode.program = ProgramSniffer.identify(head, n, tar.content());
      pass.scanners().forEach(s -> s.scanName(path, size, hits));
    }
    return inode;
  }

  /** The scanners that read this file; each reads at most its own size, so the whole file fits the buffer. */
  private List<ContentScanner> scannersOf(String path, long size) {
    List<ContentScanner> out = new ArrayList<>(0);
    for (ContentScanner scanner : pass.scanners()) {
      if (size <= scanner.maxSize() && scanner.scans(path, size)) {
        out.add(scanner);
      }
    }
    return out;
  }

  private byte[] scanBuffer() {
    byte[] buf = SCAN_BUFFER.get();
    if (buf.length < pass.maxScanned()) {
      buf = new byte[pass.maxScanned()];
      SCAN_BUFFER.set(buf);
    }
    return buf;
  }

  private byte[] readFully(int size) throws IOException {
    byte[] content = tar.content().readNBytes(size);
    if (content.length < size) {
      throw new EOFException("the archive ends inside an entry");
    }
    return content;
  }

  /** A hard link: the new name shares the target's file, whose mode and owner become the link header's. */
  private void hardLink(TarHeader h, String path) {
    String targetPath = ImagePaths.clean(h.linkName());
    ensureNoLinkAbove(h, ImagePaths.parent(targetPath), "its target " + targetPath);
    Node target = nodes.get(targetPath);
    if (target == null || target.whiteout) {
      throw refused(h, "is a hard link to " + Names.printable(targetPath) + ", which this layer does not have: the "
          + "engine links within the layer being unpacked and refuses it");
    }
    if (target.type == FileType.DIRECTORY) {
      throw refused(h, "is a hard link to the directory " + Names.printable(targetPath)
          + ", which the kernel refuses");
    }
    Inode inode = target.inode;
    inode.owner(h);
    if (target.type != FileType.SYMLINK) {
      inode.mode = (int) (h.mode() & 07777);
    }
    Node link = new Node(target.type, inode);
    link.hardLinkTarget = targetPath;
    put(path, link);
  }

  private void whiteout(TarHeader h, String parent, String name) {
    if (name.equals(OPAQUE)) {
      if (!parent.equals("/")) { // overlay ignores an opaque marker on a layer's root
        nodes.get(parent).opaque = true;
      }
      return;
    }
    String original = name.substring(WHITEOUT_PREFIX.length());
    String target = original.isEmpty() || original.equals(".") ? parent
        : original.equals("..") ? (parent.equals("/") ? "/" : ImagePaths.parent(parent))
        : ImagePaths.child(parent, original);
    if (nodes.containsKey(target) || target.equals("/")) {
      throw refused(h, "is a whiteout of " + Names.printable(target) + ", which this layer already has: the engine's"
          + " mknod of the whiteout fails");
    }
    requireCreatable(h, target);
    Node node = new Node(FileType.CHARACTER_DEVICE, new Inode(h));
    node.whiteout = true;
    put(target, node);
  }

  /**
   * Makes sure every ancestor of an entry is a plain directory of this layer, adding the ones it lacks as the engine
   * does ({@code mkdir -p}, 0755, root). An ancestor that is this layer's symlink would be written through, one that
   * is a file or a whiteout makes the engine fail: both are refused.
   */
  private void ensureParent(TarHeader h, String parent) {
    if (parent.equals(lastParent)) {
      return;
    }
    ensureNoLinkAbove(h, parent, "it");
    String missing = parent;
    List<String> create = new ArrayList<>();
    while (!missing.equals("/") && !nodes.containsKey(missing)) {
      create.add(missing);
      missing = ImagePaths.parent(missing);
    }
    for (int i = create.size() - 1; i >= 0; i--) {
      Node dir = new Node(FileType.DIRECTORY, Inode.impliedDirectory());
      dir.implied = true;
      put(create.get(i), dir);
    }
    lastParent = parent;
  }

  /** Refuses a path whose ancestors include a symlink, a file or a whiteout of this layer. */
  private void ensureNoLinkAbove(TarHeader h, String dir, String subject) {
    for (String p = dir; p != null && !p.equals("/"); p = ImagePaths.parent(p)) {
      Node n = nodes.get(p);
      if (n == null) {
        continue;
      }
      if (n.whiteout || (n.type != FileType.DIRECTORY && n.type != FileType.SYMLINK)) {
        throw refused(h, "lies below " + Names.printable(p) + ", which this layer made a "
            + (n.whiteout ? "whiteout" : "file") + ": the engine cannot create it there");
      }
      if (n.type == FileType.SYMLINK) {
        throw refused(h, "would be written through " + Names.printable(p) + ", a symlink this layer made (-> "
            + Names.printable(n.inode.linkTarget) + "): the engine follows it, PodArmor does not, so " + subject
            + " cannot be checked");
      }
    }
  }

  private void requireCreatable(TarHeader h, String path) {
    int bytes = utf8Length(path);
    if (bytes > ImageLimits.MAX_PATH_BYTES) {
      throw refused(h, "has a path longer than " + ImageLimits.MAX_PATH_BYTES + " bytes, which the kernel cannot "
          + "create");
    }
    if (bytes <= ImageLimits.MAX_NAME_BYTES) {
      return; // no element is longer than the whole path
    }
    int start = 1;
    while (start < path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      if (utf8Length(path.substring(start, end)) > ImageLimits.MAX_NAME_BYTES) {
        throw refused(h, "has a file name longer than " + ImageLimits.MAX_NAME_BYTES + " bytes, which the kernel "
            + "cannot create");
      }
      start = end + 1;
    }
  }

  private void put(String path, Node node) {
    nodes.put(path, node);
    if (nodes.size() > maxEntries) {
      throw new ImageException(what + " has more than " + ImageLimits.describeMaxEntries());
    }
  }

  /** Removes a path and everything below it, as the engine's {@code RemoveAll} before it writes the entry. */
  private void removeTree(String path) {
    nodes.remove(path);
    NavigableMap<String, Node> below = nodes.subMap(path + "/", true, path + "/" + Character.MAX_VALUE, false);
    below.clear();
    if (lastParent != null && (lastParent.equals(path) || lastParent.startsWith(path + "/"))) {
      lastParent = null;
    }
  }

  private LayerIndex index() {
    List<FileEntry> entries = new ArrayList<>(nodes.size());
    List<String> whiteouts = new ArrayList<>(0);
    List<String> opaque = new ArrayList<>(0);
    Map<String, byte[]> contents = new HashMap<>();
    Map<String, String> notRetained = new HashMap<>(0);
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      String path = e.getKey();
      Node n = e.getValue();
      if (n.whiteout) {
        whiteouts.add(path);
        continue;
      }
      if (n.opaque) {
        opaque.add(path);
      }
      entries.add(n.toEntry(path));
      if (n.inode.content != null) {
        contents.put(path, n.inode.content);
      } else if (n.inode.notRetained != null) {
        notRetained.put(path, n.inode.notRetained);
      }
    }
    return new LayerIndex(entries, whiteouts, opaque, contents, notRetained, hits);
  }

  private ImageException refused(TarHeader h, String why) {
    return new ImageException(what + ": entry '" + Names.printable(h.name()) + "' (tar header at byte "
        + h.headerAt() + ") " + why);
  }

  private static int utf8Length(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }

  static String describe(Throwable ex) {
    String msg = ex.getMessage();
    return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  /** A name in the layer's directory. Hard-linked names share one {@link Inode}. */
  private static final class Node {
    final FileType type;
    final Inode inode;
    String hardLinkTarget;
    boolean whiteout;
    boolean opaque;
    boolean implied;

    Node(FileType type, Inode inode) {
      this.type = type;
      this.inode = inode;
    }

    FileEntry toEntry(String path) {
      return FileEntry.builder(path, type)
          .mode(inode.mode)
          .owner(inode.uid, inode.gid)
          .size(type == FileType.REGULAR ? inode.size : 0)
          .linkTarget(inode.linkTarget)
          .hardLinkTarget(hardLinkTarget)
          .identifiedProgram(inode.program)
          .interpreter(inode.interpreter)
          .architecture(inode.architecture)
          .build();
    }
  }

  /** A file as the kernel keeps it: what its names share. */
  private static final class Inode {
    int mode;
    long uid;
    long gid;
    long size;
    String linkTarget;
    String program;
    String interpreter;
    String architecture;
    byte[] content;
    String notRetained;

    Inode(TarHeader h) {
      this.mode = (int) (h.mode() & 07777);
      this.uid = h.uid();
      this.gid = h.gid();
    }

    private Inode() {
      this.mode = 0755;
    }

    static Inode impliedDirectory() {
      return new Inode();
    }

    Inode owner(TarHeader h) {
      this.uid = h.uid();
      this.gid = h.gid();
      return this;
    }
  }
}
