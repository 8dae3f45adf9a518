package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.secrets.SecretFinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The immutable result of {@link FilesystemMerger}: every entry in tree order in an array (checks scan it) and by
 * path in a hash map (lookups), plus a few retained contents.
 */
public final class MergedFilesystem implements ImageFilesystem {
  /** Like Linux' MAXSYMLINKS. */
  private static final int MAX_SYMLINK_HOPS = 40;

  private final String imageName;
  private final List<FileEntry> sorted;
  private final Map<String, FileEntry> byPath;
  private final Map<String, byte[]> contents;
  private final List<SecretFinding> secrets;

  MergedFilesystem(String imageName, SortedMap<String, FileEntry> entries, Map<String, byte[]> contents,
      List<SecretFinding> secrets) {
    this.secrets = List.copyOf(secrets);
    this.imageName = imageName;
    this.sorted = Collections.unmodifiableList(Arrays.asList(entries.values().toArray(new FileEntry[0])));
    HashMap<String, FileEntry> index = new HashMap<>(sorted.size() * 4 / 3 + 1);
    index.putAll(entries);
    this.byPath = index;
    this.contents = Map.copyOf(contents);
  }

  private MergedFilesystem(String imageName, MergedFilesystem other) {
    this.imageName = imageName;
    this.sorted = other.sorted;
    this.byPath = other.byPath;
    this.contents = other.contents;
    this.secrets = other.secrets;
  }

  /**
   * Secrets found in the files of every layer, in layer order, including files a later layer removed or replaced
   * (they still ship in that layer's tar).
   */
  public List<SecretFinding> secrets() {
    return secrets;
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
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    String current = "/";
    int hops = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.equals("..")) {
        current = current.equals("/") ? "/" : ImagePaths.parent(current);
        continue;
      }
      String candidate = ImagePaths.child(current, part);
      FileEntry entry = byPath.get(candidate);
      if (entry == null) {
        return Optional.empty();
      }
      if (entry.isSymlink()) {
        if (++hops > MAX_SYMLINK_HOPS) {
          throw new ImageException(imageName + ": cannot resolve " + path
              + ": too many levels of symbolic links (a symlink loop at " + candidate + " -> "
              + entry.linkTarget().orElse("") + ")");
        }
        String target = entry.linkTarget().orElse("");
        if (target.isEmpty()) {
          return Optional.empty();
        }
        if (target.startsWith("/")) {
          current = "/";
        }
        push(todo, target);
        continue;
      }
      if (!todo.isEmpty() && !entry.isDirectory()) {
        return Optional.empty();
      }
      current = candidate;
    }
    return Optional.ofNullable(byPath.get(current));
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        todo.push(parts[i]);
      }
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
      throw new ImageException(imageName + ": the content of " + path + " was not retained; PodArmor keeps only "
          + ContentRetention.describe());
    }
    return content;
  }

  @Override
  public String toString() {
    return "filesystem of " + imageName + " (" + sorted.size() + " entries)";
  }
}
