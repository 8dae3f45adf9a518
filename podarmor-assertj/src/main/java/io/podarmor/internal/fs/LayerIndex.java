package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import java.util.List;
import java.util.Map;

/**
 * What one layer contributes, as the engine's overlay upper directory holds it after unpacking: its entries in tree
 * order (every name of a hard-linked file carries the file's final metadata), the paths it deletes with whiteouts, the
 * directories it makes opaque, the retained contents of small files, the reason a file meant to be retained was not,
 * and what the scanners found in its files. Entries carry no layer position yet: an archive's layers may be read before its
 * manifest tells their order.
 */
public final class LayerIndex {
  private final List<FileEntry> entries;
  private final List<String> whiteouts;
  private final List<String> opaqueDirectories;
  private final Map<String, byte[]> contents;
  private final Map<String, String> notRetained;
  private final List<ScanHit> hits;

  public LayerIndex(List<FileEntry> entries, List<String> whiteouts, List<String> opaqueDirectories,
      Map<String, byte[]> contents, Map<String, String> notRetained, List<ScanHit> hits) {
    this.entries = entries;
    this.whiteouts = whiteouts;
    this.opaqueDirectories = opaqueDirectories;
    this.contents = contents;
    this.notRetained = notRetained;
    this.hits = hits;
  }

  public List<FileEntry> entries() {
    return entries;
  }

  public List<String> whiteouts() {
    return whiteouts;
  }

  public List<String> opaqueDirectories() {
    return opaqueDirectories;
  }

  public Map<String, byte[]> contents() {
    return contents;
  }

  /** Why a file whose content checks read was not kept (over the retention budget), by path. */
  public Map<String, String> notRetained() {
    return notRetained;
  }

  /** What the pass's scanners found in this layer's files. */
  public List<ScanHit> hits() {
    return hits;
  }
}
