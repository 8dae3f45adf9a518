package io.podarmor.internal.source;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.internal.fs.ScanHit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's index as bytes, for the disk cache: every field of every entry, the whiteouts, opaque directories,
 * retained contents, not-retained reasons and scanner hits, in order. {@link #decode} refuses anything it did not
 * write (wrong magic, truncated, trailing bytes) with an {@link IOException}.
 */
final class LayerIndexCodec {
  private static final int MAGIC = 0x50414c49; // "PALI"
  private static final FileType[] TYPES = FileType.values();

  private LayerIndexCodec() {}

  static byte[] encode(LayerIndex index) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + index.entries().size() * 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(index.entries().size());
      for (FileEntry e : index.entries()) {
        out.writeUTF(e.path());
        out.writeByte(e.type().ordinal());
        out.writeInt(e.mode());
        out.writeLong(e.uid());
        out.writeLong(e.gid());
        out.writeLong(e.size());
        optional(out, e.linkTarget().orElse(null));
        optional(out, e.hardLinkTarget().orElse(null));
        optional(out, e.identifiedProgram().orElse(null));
        optional(out, e.interpreter().orElse(null));
        optional(out, e.architecture().orElse(null));
      }
      strings(out, index.whiteouts());
      strings(out, index.opaqueDirectories());
      out.writeInt(index.contents().size());
      for (Map.Entry<String, byte[]> c : index.contents().entrySet()) {
        out.writeUTF(c.getKey());
        out.writeInt(c.getValue().length);
        out.write(c.getValue());
      }
      out.writeInt(index.notRetained().size());
      for (Map.Entry<String, String> n : index.notRetained().entrySet()) {
        out.writeUTF(n.getKey());
        out.writeUTF(n.getValue());
      }
      out.writeInt(index.hits().size());
      for (ScanHit h : index.hits()) {
        out.writeUTF(h.path());
        out.writeUTF(h.evidence());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static LayerIndex decode(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a layer index");
    }
    int count = count(in, bytes.length);
    List<FileEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String path = in.readUTF();
      int type = in.readUnsignedByte();
      if (type >= TYPES.length) {
        throw new IOException("unknown file type " + type);
      }
      FileEntry.Builder b = FileEntry.builder(path, TYPES[type]).mode(in.readInt());
      b.owner(in.readLong(), in.readLong()).size(in.readLong());
      String link = optional(in);
      String hardLink = optional(in);
      String program = optional(in);
      String interpreter = optional(in);
      String architecture = optional(in);
      if (link != null) {
        b.linkTarget(link);
      }
      if (hardLink != null) {
        b.hardLinkTarget(hardLink);
      }
      if (program != null) {
        b.identifiedProgram(program);
      }
      if (interpreter != null) {
        b.interpreter(interpreter);
      }
      if (architecture != null) {
        b.architecture(architecture);
      }
      entries.add(b.build());
    }
    List<String> whiteouts = strings(in, bytes.length);
    List<String> opaque = strings(in, bytes.length);
    int contentCount = count(in, bytes.length);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (int i = 0; i < contentCount; i++) {
      String path = in.readUTF();
      byte[] content = new byte[count(in, bytes.length)];
      in.readFully(content);
      contents.put(path, content);
    }
    int notRetainedCount = count(in, bytes.length);
    Map<String, String> notRetained = new LinkedHashMap<>();
    for (int i = 0; i < notRetainedCount; i++) {
      notRetained.put(in.readUTF(), in.readUTF());
    }
    int hitCount = count(in, bytes.length);
    List<ScanHit> hits = new ArrayList<>(hitCount);
    for (int i = 0; i < hitCount; i++) {
      hits.add(new ScanHit(in.readUTF(), in.readUTF()));
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes after the layer index");
    }
    return new LayerIndex(List.copyOf(entries), whiteouts, opaque, contents, notRetained, List.copyOf(hits));
  }

  private static void optional(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> strings(DataInputStream in, int limit) throws IOException {
    int n = count(in, limit);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return List.copyOf(out);
  }

  /** A count no larger than the bytes there are: a corrupt one must not allocate its way out of memory. */
  private static int count(DataInputStream in, int limit) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > limit) {
      throw new IOException("count " + n + " out of range");
    }
    return n;
  }
}
