package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.internal.secrets.SecretHit;
import java.util.List;
import java.util.Map;

/**
 * What one layer contributes: its entries in tar order (hard links still pointing at their target path), the paths
 * it deletes with whiteouts, the directories it makes opaque, the retained contents of small files and the secrets its
 * files hold. Entries carry no layer position yet: an archive's layers may be read before its manifest tells their
 * order.
 */
public final class LayerIndex {
  private final List<FileEntry> entries;
  private final List<String> whiteouts;
  private final List<String> opaqueDirectories;
  private final Map<String, byte[]> contents;
  private final List<SecretHit> secrets;

  public LayerIndex(List<FileEntry> entries, List<String> whiteouts, List<String> opaqueDirectories,
      Map<String, byte[]> contents, List<SecretHit> secrets) {
    this.entries = entries;
    this.whiteouts = whiteouts;
    this.opaqueDirectories = opaqueDirectories;
    this.contents = contents;
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

  /** Secrets found in this layer's files, redacted. */
  public List<SecretHit> secrets() {
    return secrets;
  }
}
