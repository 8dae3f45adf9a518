package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.internal.secrets.SecretHit;
import java.util.List;
import java.util.Map;

/**
 * What one layer contributes, as the engine's overlay upper directory holds it after unpacking: its entries in tree
 * order (every name of a hard-linked file carries the file's final metadata), the paths it deletes with whiteouts, the
 * directories it makes opaque, the retained contents of small files, the reason a file meant to be retained was not,
 * and the secrets its files hold. Entries carry no layer position yet: an archive's layers may be read before its
 * manifest tells their order.
 */
public final class LayerIndex {
  private final List<FileEntry> entries;
  private final List<String> whiteouts;
  private final List<String> opaqueDirectories;
  private final Map<String, byte[]> contents;
  private final Map<String, String> notRetained;
  private final List<SecretHit> secrets;

  public LayerIndex(List<FileEntry> entries, List<String> whiteouts, List<String> opaqueDirectories,
      Map<String, byte[]> contents, Map<String, String> notRetained, List<SecretHit> secrets) {
    this.entries = entries;
    this.whiteouts = whiteouts;
    this.opaqueDirectories = opaqueDirectories;
    this.contents = contents;
    this.notRetained = notRetained;
    this.secrets = secrets;
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

  /** Secrets found in this layer's files, redacted. */
  public List<SecretHit> secrets() {
    return secrets;
  }
}
