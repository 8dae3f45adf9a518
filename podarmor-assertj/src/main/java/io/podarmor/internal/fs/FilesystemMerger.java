package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Applies layers in order, as the engine's overlay does: whiteouts and opaque directories hide what lower layers
 * had, a later layer's entry replaces a lower one (a directory over a directory merges with it), a non-directory hides
 * what was below a lower directory. Content kept for checks is bounded by {@link ImageLimits#RETAINED_PER_IMAGE}, in
 * layer order; entries by {@link ImageLimits#maxEntries()}.
 */
public final class FilesystemMerger {
  private final TreeMap<String, FileEntry> entries = new TreeMap<>(ImagePaths.ORDER);
  private final Map<String, byte[]> contents = new HashMap<>();
  private final Map<String, String> notRetained = new HashMap<>();
  private final int maxEntries = ImageLimits.maxEntries();
  private final long retainedPerImage = ImageLimits.retainedPerImage();
  private long retained;
  private final List<ScanFinding> findings = new ArrayList<>();
  /** Findings of lower layers still visible, by path: a later layer that removes or replaces the path hides them. */
  private final TreeMap<String, List<ScanFinding>> visibleFindings = new TreeMap<>(ImagePaths.ORDER);
  private final String imageName;

  private final LayerPass pass;

  /**
   * @param imageName names the image in errors
   * @param pass      the pass the layers were read with: its retained files name what was kept
   */
  public FilesystemMerger(String imageName, LayerPass pass) {
    this.imageName = imageName;
    this.pass = pass;
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
      hideFindings(dir, false, "removed by layer " + position);
      removeDescendants(dir);
    }
    for (String path : layer.whiteouts()) {
      hideFindings(path, true, "removed by layer " + position);
      remove(path);
    }
    if (!visibleFindings.isEmpty()) {
      for (FileEntry raw : layer.entries()) {
        if (!raw.isDirectory()) {
          hideFindings(raw.path(), true, "replaced by layer " + position);
        }
      }
    }
    for (ScanHit hit : layer.hits()) {
      ScanFinding finding = new ScanFinding(hit, position);
      findings.add(finding);
      visibleFindings.computeIfAbsent(hit.path(), p -> new ArrayList<>()).add(finding);
    }
    for (FileEntry raw : layer.entries()) {
      FileEntry entry = raw.toBuilder().layer(position, diffId).build();
      String path = entry.path();
      ensureParents(path, position, diffId);
      FileEntry existing = entries.get(path);
      if (existing != null && existing.isDirectory() && !entry.isDirectory()) {
        removeDescendants(path);
      }
      entries.put(path, entry);
      forgetContent(path);
      byte[] content = layer.contents().get(path);
      if (content != null) {
        if (retained + content.length <= retainedPerImage) {
          retained += content.length;
          contents.put(path, content);
        } else {
          notRetained.put(path, String.format("%s (%,d bytes) is beyond the %s of file content PodArmor keeps "
              + "per image (a larger -Xmx raises it)", path, content.length, ImageLimits.mib(retainedPerImage)));
        }
      } else if (layer.notRetained().containsKey(path)) {
        notRetained.put(path, layer.notRetained().get(path));
      }
    }
    if (entries.size() > maxEntries) {
      throw new ImageException(imageName + " has more than " + ImageLimits.describeMaxEntries()
          + " (reached at layer " + position + ", " + diffId + ")");
    }
    return this;
  }

  /** The merged filesystem of every layer applied. */
  public MergedFilesystem build() {
    return new MergedFilesystem(imageName, entries, contents, notRetained, findings, pass.describeRetained());
  }

  /** Marks the findings at {@code path} (if {@code self}) and below it as hidden by a later layer. */
  private void hideFindings(String path, boolean self, String how) {
    if (visibleFindings.isEmpty()) {
      return;
    }
    if (self) {
      List<ScanFinding> at = visibleFindings.remove(path);
      if (at != null) {
        at.forEach(f -> f.hide(how));
      }
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    NavigableMap<String, List<ScanFinding>> below =
        visibleFindings.subMap(prefix, false, prefix + Character.MAX_VALUE, false);
    below.values().forEach(list -> list.forEach(f -> f.hide(how)));
    below.clear();
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
      forgetContent(parent);
      parent = ImagePaths.parent(parent);
    }
  }

  private void remove(String path) {
    entries.remove(path);
    forgetContent(path);
    removeDescendants(path);
  }

  private void removeDescendants(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    NavigableMap<String, FileEntry> below = entries.subMap(prefix, false, prefix + Character.MAX_VALUE, false);
    if (!below.isEmpty()) {
      for (String p : below.keySet()) {
        forgetContent(p);
      }
      below.clear();
    }
  }

  private void forgetContent(String path) {
    byte[] old = contents.remove(path);
    if (old != null) {
      retained -= old.length;
    }
    notRetained.remove(path);
  }
}
