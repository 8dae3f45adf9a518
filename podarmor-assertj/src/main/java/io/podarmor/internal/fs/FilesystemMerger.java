package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageException;
import io.podarmor.internal.secrets.SecretFinding;
import io.podarmor.internal.secrets.SecretHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Applies layers in order, as the engine's overlay does: whiteouts and opaque directories hide what lower layers
 * had, a later entry replaces an earlier one, hard links take their target's metadata.
 */
public final class FilesystemMerger {
  private final TreeMap<String, FileEntry> entries = new TreeMap<>(ImagePaths.ORDER);
  private final Map<String, byte[]> contents = new HashMap<>();
  private final List<SecretFinding> secrets = new ArrayList<>();
  /** Secrets of lower layers still visible, by path: a later layer that removes or replaces the path hides them. */
  private final TreeMap<String, List<SecretFinding>> visibleSecrets = new TreeMap<>(ImagePaths.ORDER);
  private final String imageName;

  /** @param imageName names the image in errors */
  public FilesystemMerger(String imageName) {
    this.imageName = imageName;
    entries.put("/", FileEntry.builder("/", FileType.DIRECTORY).mode(0755).build());
  }

  /**
   * Applies the next layer on top of those applied so far.
   *
   * @param position 1-based position of the layer in the image
   * @param diffId   the layer's diff ID, recorded on every entry it writes
   */
  public FilesystemMerger apply(LayerIndex layer, int position, String diffId) {
    for (String dir : layer.opaqueDirectories()) {
      hideSecrets(dir, false, "removed by layer " + position);
      removeDescendants(dir);
    }
    for (String path : layer.whiteouts()) {
      hideSecrets(path, true, "removed by layer " + position);
      remove(path);
    }
    if (!visibleSecrets.isEmpty()) {
      for (FileEntry raw : layer.entries()) {
        if (!raw.isDirectory()) {
          hideSecrets(raw.path(), true, "replaced by layer " + position);
        }
      }
    }
    for (SecretHit hit : layer.secrets()) {
      SecretFinding finding = new SecretFinding(hit, position);
      secrets.add(finding);
      visibleSecrets.computeIfAbsent(hit.path(), p -> new ArrayList<>()).add(finding);
    }
    for (FileEntry raw : layer.entries()) {
      FileEntry entry = stamp(raw, position, diffId);
      String path = entry.path();
      ensureParents(path, position, diffId);
      FileEntry existing = entries.get(path);
      if (existing != null && existing.isDirectory() && !entry.isDirectory()) {
        removeDescendants(path);
      }
      entries.put(path, entry);
      byte[] content = layer.contents().get(path);
      if (content != null) {
        contents.put(path, content);
      } else if (entry.hardLinkTarget().isPresent() && contents.containsKey(entry.hardLinkTarget().get())) {
        contents.put(path, contents.get(entry.hardLinkTarget().get()));
      } else {
        contents.remove(path);
      }
    }
    return this;
  }

  /** The merged filesystem of every layer applied. */
  public MergedFilesystem build() {
    return new MergedFilesystem(imageName, entries, contents, secrets);
  }

  /** Marks the secrets at {@code path} (if {@code self}) and below it as hidden by a later layer. */
  private void hideSecrets(String path, boolean self, String how) {
    if (visibleSecrets.isEmpty()) {
      return;
    }
    if (self) {
      List<SecretFinding> at = visibleSecrets.remove(path);
      if (at != null) {
        at.forEach(f -> f.hide(how));
      }
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    NavigableMap<String, List<SecretFinding>> below =
        visibleSecrets.subMap(prefix, false, prefix + Character.MAX_VALUE, false);
    below.values().forEach(list -> list.forEach(f -> f.hide(how)));
    below.clear();
  }

  private FileEntry stamp(FileEntry raw, int position, String diffId) {
    if (raw.hardLinkTarget().isEmpty()) {
      return raw.toBuilder().layer(position, diffId).build();
    }
    String targetPath = raw.hardLinkTarget().get();
    FileEntry target = entries.get(targetPath);
    if (target == null || target.isDirectory()) {
      throw new ImageException(imageName + ": layer " + position + " (" + diffId + ") has a hard link '"
          + raw.path() + "' to '" + targetPath + "', which is " + (target == null ? "missing" : "a directory"));
    }
    return FileEntry.builder(raw.path(), target.type())
        .mode(target.mode())
        .owner(target.uid(), target.gid())
        .size(target.size())
        .linkTarget(target.linkTarget().orElse(null))
        .hardLinkTarget(targetPath)
        .identifiedProgram(target.identifiedProgram().orElse(null))
        .layer(position, diffId)
        .build();
  }

  /**
   * Every ancestor of an entry is a directory. A parent the layer does not list is implied, as the engine creates it
   * when it unpacks the layer (0755, root); where a lower layer has a file or symlink there, the layer's directory
   * hides it, as overlayfs shows it.
   */
  private void ensureParents(String path, int position, String diffId) {
    String parent = ImagePaths.parent(path);
    while (parent != null) {
      FileEntry existing = entries.get(parent);
      if (existing != null && existing.isDirectory()) {
        return;
      }
      entries.put(parent, FileEntry.builder(parent, FileType.DIRECTORY).mode(0755).layer(position, diffId).build());
      contents.remove(parent);
      parent = ImagePaths.parent(parent);
    }
  }

  private void remove(String path) {
    entries.remove(path);
    contents.remove(path);
    removeDescendants(path);
  }

  private void removeDescendants(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    NavigableMap<String, FileEntry> below = entries.subMap(prefix, false, prefix + Character.MAX_VALUE, false);
    if (!below.isEmpty()) {
      for (String p : below.keySet()) {
        contents.remove(p);
      }
      below.clear();
    }
  }
}
