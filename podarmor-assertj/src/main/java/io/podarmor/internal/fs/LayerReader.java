package io.podarmor.internal.fs;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageException;
import io.podarmor.internal.secrets.ContentSecrets;
import io.podarmor.internal.secrets.SecretHit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one uncompressed layer tar into a {@link LayerIndex}: metadata of every entry, whiteouts, small contents, and
 * the secrets its files hold (text files of at most {@link ContentSecrets#MAX_SCANNED_SIZE} bytes are scanned as
 * they stream by; only redacted findings are kept).
 */
public final class LayerReader {
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  /** One buffer per reading thread for the files scanned for secrets. */
  private static final ThreadLocal<byte[]> SCAN_BUFFER =
      ThreadLocal.withInitial(() -> new byte[ContentSecrets.MAX_SCANNED_SIZE]);

  private LayerReader() {}

  /**
   * Reads the tar stream to its end-of-archive marker (the caller drains and verifies what follows).
   *
   * @param what names the layer in errors, e.g. {@code layer 2 (sha256:…) of oci:/tmp/layout}
   */
  public static LayerIndex read(InputStream uncompressedTar, String what) {
    List<FileEntry> entries = new ArrayList<>();
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    Map<String, byte[]> contents = new HashMap<>();
    List<SecretHit> secrets = new ArrayList<>(0);
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(uncompressedTar, "UTF-8");
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String path = ImagePaths.normalize(e.getName());
        if (path == null) {
          throw new ImageException(what + ": tar entry '" + e.getName() + "' escapes the image root");
        }
        String name = ImagePaths.fileName(path);
        if (name.startsWith(WHITEOUT_PREFIX)) {
          String dir = ImagePaths.parent(path);
          if (name.equals(OPAQUE)) {
            opaque.add(dir);
          } else {
            whiteouts.add(ImagePaths.child(dir, name.substring(WHITEOUT_PREFIX.length())));
          }
          continue;
        }
        entries.add(toEntry(tar, e, path, contents, secrets, what));
      }
    } catch (ImageException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new ImageException(what + ": cannot read the layer as a tar archive (" + describe(ex) + ")", ex);
    }
    return new LayerIndex(entries, whiteouts, opaque, contents, secrets);
  }

  private static FileEntry toEntry(TarArchiveInputStream tar, TarArchiveEntry e, String path,
      Map<String, byte[]> contents, List<SecretHit> secrets, String what) throws IOException {
    FileEntry.Builder b = FileEntry.builder(path, typeOf(e))
        .mode(e.getMode())
        .owner(e.getLongUserId(), e.getLongGroupId());
    if (e.isSymbolicLink()) {
      b.linkTarget(e.getLinkName());
    } else if (e.isLink()) {
      String target = ImagePaths.normalize(e.getLinkName());
      if (target == null) {
        throw new ImageException(what + ": hard link '" + e.getName() + "' points to '" + e.getLinkName()
            + "', outside the image root");
      }
      b.hardLinkTarget(target);
    } else if (e.isFile()) {
      long size = e.getSize();
      b.size(size);
      if (ContentRetention.retains(path, size)) {
        byte[] content = tar.readAllBytes();
        contents.put(path, content);
        if (ContentSecrets.scans(path, content.length)) {
          ContentSecrets.scan(path, content, content.length, secrets);
        }
      } else if (ContentSecrets.scans(path, size)) {
        // read once into the scan buffer: the sniffer and the secret scan both look at it
        byte[] buf = SCAN_BUFFER.get();
        int n = tar.readNBytes(buf, 0, (int) size);
        if (ProgramSniffer.shouldScan(e.getMode(), size)) {
          b.identifiedProgram(ProgramSniffer.identify(new ByteArrayInputStream(buf, 0, n)));
        }
        ContentSecrets.scan(path, buf, n, secrets);
      } else {
        if (ProgramSniffer.shouldScan(e.getMode(), size)) {
          b.identifiedProgram(ProgramSniffer.identify(tar));
        }
        ContentSecrets.scanName(path, size, secrets);
      }
    }
    return b.build();
  }

  private static FileType typeOf(TarArchiveEntry e) {
    if (e.isDirectory()) {
      return FileType.DIRECTORY;
    }
    if (e.isSymbolicLink()) {
      return FileType.SYMLINK;
    }
    if (e.isCharacterDevice()) {
      return FileType.CHARACTER_DEVICE;
    }
    if (e.isBlockDevice()) {
      return FileType.BLOCK_DEVICE;
    }
    if (e.isFIFO()) {
      return FileType.FIFO;
    }
    return FileType.REGULAR;
  }

  static String describe(Throwable ex) {
    String msg = ex.getMessage();
    return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
