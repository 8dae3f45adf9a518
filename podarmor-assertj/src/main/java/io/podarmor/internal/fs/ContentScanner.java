package io.podarmor.internal.fs;

import java.util.List;

/**
 * Reads regular files as a layer streams by, keeping only what it finds: declared by the packages that look for
 * something in file contents (secrets), never by {@code fs}. A file is read at most {@link #maxSize()} bytes.
 */
public interface ContentScanner {
  /** The most of one file the scanner reads. */
  int maxSize();

  /** True when a regular file at this path and of this size is read. */
  boolean scans(String path, long size);

  /** Scans the first {@code len} bytes of the file at {@code path}, adding what it finds. */
  void scan(String path, byte[] content, int len, List<ScanHit> hits);

  /** Looks at a file that is not read (too large): its name may say enough. */
  void scanName(String path, long size, List<ScanHit> hits);
}
