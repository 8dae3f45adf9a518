package io.podarmor.internal.source;

import io.podarmor.image.ImageException;
import io.podarmor.internal.fs.ImageLimits;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.tar.Names;
import io.podarmor.internal.tar.TarHeader;
import java.util.HashMap;
import java.util.Map;

/**
 * The files of a {@code docker save} archive as {@code docker load} sees them: it unpacks the archive into a
 * directory (names cleaned with {@code ..} stopping at the root, a later entry replacing an earlier one, hard links
 * sharing their target) and then opens {@code manifest.json}, the config and each layer through symlinks followed
 * within that directory. Each regular file is where its data lies in the archive, and, for a stream read once, what was
 * kept of it while it passed.
 */
final class ArchiveTree {
  /** A regular file of the archive. */
  static final class File {
    final String name;
    final long offset;
    final long size;
    /** The content, when kept while streaming (documents). */
    byte[] bytes;
    /** The layer read from it while streaming. */
    LayerLoader.Result layer;
    /** Why it could not be read as a layer while streaming, said only if the manifest names it as one. */
    ImageException notALayer;

    File(String name, long offset, long size) {
      this.name = name;
      this.offset = offset;
      this.size = size;
    }
  }

  private static final int MAX_SCOPED_LINKS = 255;

  private final String source;
  private final Map<String, File> files = new HashMap<>();
  private final Map<String, String> symlinks = new HashMap<>();
  private int entries;

  ArchiveTree(String source) {
    this.source = source;
  }

  /**
   * Adds the next entry; returns the regular file it makes, or {@code null} for other types.
   *
   * @throws ImageException for more entries than {@link ImageLimits#MAX_ARCHIVE_ENTRIES}
   */
  File add(TarHeader h) {
    if (++entries > ImageLimits.MAX_ARCHIVE_ENTRIES) {
      throw new ImageException(source + " has more than " + ImageLimits.MAX_ARCHIVE_ENTRIES + " entries, PodArmor's "
          + "limit for an image archive");
    }
    if (h.type() == TarHeader.PAX_GLOBAL) {
      return null;
    }
    String path = ImagePaths.clean(h.name());
    files.remove(path);
    symlinks.remove(path);
    switch (h.type()) {
      case TarHeader.REGULAR: {
        File f = new File(Names.printable(h.name()), h.dataAt(), h.size());
        files.put(path, f);
        return f;
      }
      case TarHeader.SYMLINK:
        symlinks.put(path, h.linkName());
        return null;
      case TarHeader.HARD_LINK: {
        File target = files.get(ImagePaths.clean(h.linkName()));
        if (target != null) {
          files.put(path, target);
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** The file at this archive path, symlinks followed within the archive; {@code null} when there is none. */
  File find(String name) {
    String path = resolve(ImagePaths.clean(name), new int[1]);
    return path == null ? null : files.get(path);
  }

  /** The path with every symlink on it followed, as the engine's scoped lookup does (at most 255 links). */
  private String resolve(String path, int[] links) {
    String current = "/";
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        continue;
      }
      String candidate = ImagePaths.child(current, parts[i]);
      String target = symlinks.get(candidate);
      if (target != null) {
        if (++links[0] > MAX_SCOPED_LINKS) {
          throw new ImageException(source + ": cannot follow " + path + ": more than " + MAX_SCOPED_LINKS
              + " symlinks");
        }
        String base = target.startsWith("/") ? "" : ImagePaths.parent(candidate);
        candidate = resolve(ImagePaths.clean(base + "/" + target), links);
        if (candidate == null) {
          return null;
        }
      }
      current = candidate;
    }
    return current;
  }
}
