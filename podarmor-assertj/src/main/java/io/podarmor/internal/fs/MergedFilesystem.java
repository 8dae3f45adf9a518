package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The immutable result of {@link FilesystemMerger}: every entry in tree order in an array (checks scan it) and by
 * path in a hash map (lookups), plus a few retained contents.
 */
public final class MergedFilesystem implements ImageFilesystem {
  /** The most symlinks any lookup follows: the engine's own scoped lookup of /etc/passwd allows 255. */
  public static final int MAX_SCOPED_HOPS = 255;
  private static final Resolution LOOP = new Resolution(null, Integer.MAX_VALUE);

  private final String imageName;
  private final List<FileEntry> sorted;
  private final Map<String, FileEntry> byPath;
  private final Map<String, byte[]> contents;
  private final Map<String, String> notRetained;
  private final List<ScanFinding> findings;
  /** What the pass kept, for messages about a file it did not. */
  private final String retainedFiles;
  /** What each symlink leads to, by its own path: each is resolved once, however many lookups pass through it. */
  private final ConcurrentHashMap<String, Resolution> symlinks;

  MergedFilesystem(String imageName, SortedMap<String, FileEntry> entries, Map<String, byte[]> contents,
      Map<String, String> notRetained, List<ScanFinding> findings, String retainedFiles) {
    this.findings = List.copyOf(findings);
    this.retainedFiles = retainedFiles;
    this.imageName = imageName;
    this.sorted = Collections.unmodifiableList(Arrays.asList(entries.values().toArray(new FileEntry[0])));
    HashMap<String, FileEntry> index = new HashMap<>(sorted.size() * 4 / 3 + 1);
    index.putAll(entries);
    this.byPath = index;
    this.contents = Map.copyOf(contents);
    this.notRetained = Map.copyOf(notRetained);
    this.symlinks = new ConcurrentHashMap<>();
  }

  private MergedFilesystem(String imageName, MergedFilesystem other) {
    this.imageName = imageName;
    this.sorted = other.sorted;
    this.byPath = other.byPath;
    this.contents = other.contents;
    this.notRetained = other.notRetained;
    this.findings = other.findings;
    this.retainedFiles = other.retainedFiles;
    this.symlinks = other.symlinks;
  }

  /**
   * What the pass's scanners found in the files of every layer, in layer order, including files a later layer
   * removed or replaced (they still ship in that layer's tar).
   */
  public List<ScanFinding> findings() {
    return findings;
  }

  /** The bytes of file content kept, for weighing the index in caches. */
  public long retainedBytes() {
    long sum = 0;
    for (byte[] content : contents.values()) {
      sum += content.length;
    }
    return sum;
  }

  /**
   * The same index, naming another source in its errors: the index is cached per image ID, but each source names
   * the input its user gave.
   */
  public MergedFilesystem named(String otherImageName) {
    return otherImageName.equals(imageName) ? this : new MergedFilesystem(otherImageName, this);
  }

  @Override
  public Collection<FileEntry> entries() {
    return sorted;
  }

  @Override
  public Optional<FileEntry> get(String path) {
    String normalized = ImagePaths.normalize(path);
    return normalized == null ? Optional.empty() : Optional.ofNullable(byPath.get(normalized));
  }

  @Override
  public Optional<FileEntry> resolve(String path) {
    return resolve(path, ImageLimits.MAX_SYMLINK_HOPS);
  }

  /**
   * Like {@link #resolve(String)}, following at most {@code maxHops} symlinks in all (the kernel follows 40, the
   * engine's scoped lookup of files such as {@code /etc/passwd} 255, at most {@link #MAX_SCOPED_HOPS}).
   */
  public Optional<FileEntry> resolve(String path, int maxHops) {
    Resolution r = walk("/", path, true, new HashSet<>());
    requireWithin(path, r, maxHops);
    return r.path == null ? Optional.empty() : Optional.ofNullable(byPath.get(r.path));
  }

  /**
   * The entry at this path with its directories resolved but not its last element, like {@code lstat}: for
   * {@code /bin/su} with {@code /bin -> usr/bin}, the entry at {@code /usr/bin/su}, a symlink if that is one.
   */
  public Optional<FileEntry> resolveParent(String path) {
    Resolution r = walk("/", path, false, new HashSet<>());
    requireWithin(path, r, ImageLimits.MAX_SYMLINK_HOPS);
    return r.path == null ? Optional.empty() : Optional.ofNullable(byPath.get(r.path));
  }

  private void requireWithin(String path, Resolution r, int maxHops) {
    if (r.hops > Math.min(maxHops, MAX_SCOPED_HOPS)) {
      throw new ImageException(imageName + ": cannot resolve " + path + ": too many levels of symbolic links"
          + (r == LOOP ? " (a symlink loop" + loopAt(path) + ")" : " (" + r.hops + " symlinks, more than " + maxHops
          + ")"));
    }
  }

  /** Where a lookup of {@code path} enters a loop: the first symlink on its way that leads into one. */
  private String loopAt(String path) {
    String current = "/";
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals("/") ? "/" : ImagePaths.parent(current);
        continue;
      }
      String candidate = ImagePaths.child(current, part);
      FileEntry entry = byPath.get(candidate);
      if (entry == null) {
        return "";
      }
      if (entry.isSymlink()) {
        Resolution link = symlinks.get(candidate);
        if (link == LOOP) {
          return " at " + candidate + " -> " + entry.linkTarget().orElse("");
        }
        if (link == null || link.path == null) {
          return "";
        }
        candidate = link.path;
      }
      current = candidate;
    }
    return "";
  }

  /**
   * Walks {@code path} from the directory {@code base} as the kernel does: {@code ..} goes to the physical parent, an
   * absolute symlink target restarts at the root, a non-directory in the middle leads nowhere. Symlinks met on the
   * way are resolved through {@link #symlink}, once each for the life of this filesystem.
   */
  private Resolution walk(String base, String path, boolean followLast, Set<String> inProgress) {
    String current = path.startsWith("/") ? "/" : base;
    int hops = 0;
    int n = path.length();
    int start = 0;
    while (start < n) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? n : slash;
      String part = path.substring(start, end);
      start = end + 1;
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals("/") ? "/" : ImagePaths.parent(current);
        continue;
      }
      boolean last = onlySeparatorsFrom(path, start);
      String candidate = ImagePaths.child(current, part);
      FileEntry entry = byPath.get(candidate);
      if (entry == null) {
        return new Resolution(null, hops);
      }
      if (entry.isSymlink() && (!last || followLast)) {
        Resolution link = symlink(candidate, entry, inProgress);
        if (link == LOOP || hops + link.hops > MAX_SCOPED_HOPS) {
          return LOOP;
        }
        hops += link.hops;
        if (link.path == null) {
          return new Resolution(null, hops);
        }
        candidate = link.path;
        entry = byPath.get(candidate);
      }
      if (!last && !entry.isDirectory()) {
        return new Resolution(null, hops);
      }
      current = candidate;
    }
    return new Resolution(current, hops);
  }

  /** True when only {@code /} and {@code .} elements follow {@code from}: the element just read is the last one. */
  private static boolean onlySeparatorsFrom(String path, int from) {
    int i = from;
    while (i < path.length()) {
      int slash = path.indexOf('/', i);
      int end = slash < 0 ? path.length() : slash;
      if (end > i && !(end - i == 1 && path.charAt(i) == '.')) {
        return false;
      }
      i = end + 1;
    }
    return true;
  }

  /** What the symlink at {@code linkPath} leads to, following everything, and how many symlinks that took. */
  private Resolution symlink(String linkPath, FileEntry link, Set<String> inProgress) {
    Resolution known = symlinks.get(linkPath);
    if (known != null) {
      return known;
    }
    if (!inProgress.add(linkPath)) {
      return LOOP;
    }
    String target = link.linkTarget().orElse("");
    Resolution r;
    if (target.isEmpty()) {
      r = new Resolution(null, 1);
    } else {
      Resolution inner = walk(ImagePaths.parent(linkPath), target, true, inProgress);
      r = inner == LOOP || inner.hops >= MAX_SCOPED_HOPS ? LOOP : new Resolution(inner.path, inner.hops + 1);
    }
    inProgress.remove(linkPath);
    symlinks.put(linkPath, r);
    return r;
  }

  /** Where a lookup ended ({@code null}: nowhere) and how many symlinks it followed. */
  private static final class Resolution {
    final String path;
    final int hops;

    Resolution(String path, int hops) {
      this.path = path;
      this.hops = hops;
    }
  }

  @Override
  public boolean exists(String path) {
    return resolve(path).isPresent();
  }

  @Override
  public boolean hasContent(String path) {
    return resolve(path).map(e -> contents.containsKey(e.path())).orElse(false);
  }

  @Override
  public String readString(String path) {
    return new String(retained(path), StandardCharsets.UTF_8);
  }

  /**
   * The retained bytes of a small file (binary ones too, such as {@code rpmdb.sqlite}), following symlinks.
   *
   * @throws ImageException like {@link #readString(String)}
   */
  public byte[] readBytes(String path) {
    return retained(path).clone();
  }

  private byte[] retained(String path) {
    FileEntry entry = resolve(path)
        .orElseThrow(() -> new ImageException(imageName + ": no file " + path + " in the image"));
    if (!entry.isRegularFile()) {
      throw new ImageException(imageName + ": " + path + " is not a regular file (" + entry.lsMode() + ")");
    }
    byte[] content = contents.get(entry.path());
    if (content == null) {
      String why = notRetained.get(entry.path());
      throw new ImageException(imageName + ": the content of " + path + (why != null ? " is too large to check: "
          + why : " was not retained; PodArmor keeps only " + retainedFiles));
    }
    return content;
  }

  @Override
  public String toString() {
    return "filesystem of " + imageName + " (" + sorted.size() + " entries)";
  }
}
