package io.podarmor.internal.secrets;

import io.podarmor.internal.fs.ContentScanner;
import io.podarmor.internal.fs.ScanHit;
import java.util.List;

/**
 * Decides, while a layer streams by, which files are scanned for secrets and scans them: regular files of at most
 * {@link #MAX_SCANNED_SIZE} bytes that look like text (no NUL byte in the first 8 KiB), except documentation
 * ({@code /usr/share/doc/}) and the test fixtures libraries ship (a {@code test}, {@code tests}, {@code testdata},
 * {@code fixtures} directory under {@code /usr/lib/}, {@code /usr/local/lib/}, {@code /usr/share/},
 * {@code node_modules}, {@code site-packages}, {@code dist-packages}, {@code /go/pkg/mod/}: Python's own test suite
 * ships private keys). Only findings are kept, never contents.
 */
public final class ContentSecrets implements ContentScanner {
  /** The one scanner: stateless, shared by every pass. */
  public static final ContentSecrets SCANNER = new ContentSecrets();
  /** Files larger than this are not read for secrets (credential files and keys are far smaller). */
  public static final int MAX_SCANNED_SIZE = 1 << 20;
  private static final int BINARY_PROBE = 8192;

  private ContentSecrets() {}

  @Override
  public int maxSize() {
    return MAX_SCANNED_SIZE;
  }

  /** True when a regular file at this path and of this size is read for secrets. */
  @Override
  public boolean scans(String path, long size) {
    return size > 0 && size <= MAX_SCANNED_SIZE && !exempt(path);
  }

  /** Name-only findings for a file too large to read (a private key by name). */
  @Override
  public void scanName(String path, long size, List<ScanHit> hits) {
    if (exempt(path)) {
      return;
    }
    String key = CredentialFiles.byName(path, size);
    if (key != null) {
      hits.add(new ScanHit(path, key));
    }
  }

  /** Scans the first {@code len} bytes of the file at {@code path}, adding what it finds. */
  @Override
  public void scan(String path, byte[] buf, int len, List<ScanHit> hits) {
    String byName = CredentialFiles.byName(path, len);
    if (byName != null) {
      hits.add(new ScanHit(path, byName));
      return;
    }
    if (CredentialFiles.byContent(path)) {
      String evidence = CredentialFiles.inspect(path, buf, len);
      if (evidence != null) {
        hits.add(new ScanHit(path, evidence));
        return;
      }
    }
    int probe = Math.min(len, BINARY_PROBE);
    for (int i = 0; i < probe; i++) {
      if (buf[i] == 0) {
        return;
      }
    }
    for (String token : TokenScanner.scan(buf, len)) {
      hits.add(new ScanHit(path, token));
    }
  }

  /** Documentation and libraries' test fixtures: never scanned. */
  public static boolean exempt(String path) {
    if (path.startsWith("/usr/share/doc/")) {
      return true;
    }
    boolean library = path.startsWith("/usr/lib/") || path.startsWith("/usr/local/lib/")
        || path.startsWith("/usr/share/") || path.contains("/node_modules/") || path.contains("/site-packages/")
        || path.contains("/dist-packages/") || path.contains("/go/pkg/mod/");
    return library && (path.contains("/test/") || path.contains("/tests/") || path.contains("/testdata/")
        || path.contains("/fixtures/"));
  }
}
