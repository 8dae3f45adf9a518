package io.podarmor.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A tar stream written block by block, for inputs no well-behaved writer makes: any typeflag, a size field that lies,
 * a bad checksum, a lone zero block, PAX and GNU long-name headers with any records. Names are bytes, so they may be
 * anything, invalid UTF-8 included.
 *
 * <pre>{@code
 * byte[] tar = RawTar.create()
 *     .header(RawTar.header("bin/ln").type('2').link("busybox").sizeField(1024))  // a symlink claiming data
 *     .file("bin/hidden", "x", 04755)
 *     .end();
 * }</pre>
 */
public final class RawTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private RawTar() {}

  public static RawTar create() {
    return new RawTar();
  }

  /** A header block; see {@link Header}. */
  public static Header header(String name) {
    return new Header(name.getBytes(StandardCharsets.UTF_8));
  }

  /** A header block with a name given as raw bytes. */
  public static Header header(byte[] name) {
    return new Header(name);
  }

  /** Writes a header block as is (no data follows unless written). */
  public RawTar header(Header h) {
    out.writeBytes(h.block());
    return this;
  }

  /** Writes data and pads it to the next block. */
  public RawTar data(byte[] data) {
    out.writeBytes(data);
    int pad = (512 - data.length % 512) % 512;
    out.writeBytes(new byte[pad]);
    return this;
  }

  /** A regular file with its data. */
  public RawTar file(String name, byte[] content, int mode) {
    return header(header(name).mode(mode).size(content.length)).data(content);
  }

  public RawTar file(String name, String content, int mode) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  /** A regular file whose content is copied from the host. */
  public RawTar copy(String name, Path hostFile, int mode) {
    try {
      return file(name, Files.readAllBytes(hostFile), mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RawTar dir(String name, int mode) {
    return header(header(name.endsWith("/") ? name : name + "/").type('5').mode(mode));
  }

  public RawTar symlink(String name, String target) {
    return header(header(name).type('2').mode(0777).link(target));
  }

  public RawTar hardlink(String name, String target, int mode) {
    return header(header(name).type('1').mode(mode).link(target));
  }

  /** A PAX header ({@code x}, or {@code g} for a global one) with these records, in order. */
  public RawTar pax(char type, String... keyValues) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < keyValues.length; i += 2) {
      body.writeBytes(paxRecord(keyValues[i], keyValues[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    byte[] b = body.toByteArray();
    return header(header("PaxHeaders/x").type(type).size(b.length)).data(b);
  }

  /** One PAX record, {@code "<len> key=value\n"}. */
  public static byte[] paxRecord(String key, byte[] value) {
    byte[] kv = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
    int n = kv.length + value.length + 1;
    int len = n + String.valueOf(n).length();
    while (String.valueOf(len).length() + n != len) {
      len++;
    }
    ByteArrayOutputStream r = new ByteArrayOutputStream();
    r.writeBytes(String.valueOf(len).getBytes(StandardCharsets.US_ASCII));
    r.writeBytes(kv);
    r.writeBytes(value);
    r.write('\n');
    return r.toByteArray();
  }

  /** A GNU long-name ({@code L}) or long-link ({@code K}) header carrying {@code name}. */
  public RawTar gnuLong(char type, byte[] name) {
    return header(header("././@LongLink").type(type).size(name.length).magic("ustar  \0")).data(name);
  }

  /** Raw bytes, as they are. */
  public RawTar raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The stream so far, followed by the end-of-archive marker (two zero blocks). */
  public byte[] end() {
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /** The stream so far, without an end-of-archive marker. */
  public byte[] bytes() {
    return out.toByteArray();
  }

  /** One 512-byte header block, every field settable. */
  public static final class Header {
    private final byte[] name;
    private char type = '0';
    private long mode = 0644;
    private long uid;
    private long gid;
    private long size;
    private byte[] sizeField;
    private byte[] modeField;
    private String link = "";
    private String magic = "ustar\0" + "00";
    private byte[] prefix = new byte[0];
    private boolean badChecksum;

    private Header(byte[] name) {
      this.name = name;
    }

    public Header type(char type) {
      this.type = type;
      return this;
    }

    public Header mode(long mode) {
      this.mode = mode;
      return this;
    }

    public Header owner(long uid, long gid) {
      this.uid = uid;
      this.gid = gid;
      return this;
    }

    public Header size(long size) {
      this.size = size;
      return this;
    }

    /** The size field's 12 bytes exactly (e.g. base-256, or text that is not a number). */
    public Header sizeField(byte[] field) {
      this.sizeField = field;
      return this;
    }

    /** The mode field's 8 bytes exactly. */
    public Header modeField(byte[] field) {
      this.modeField = field;
      return this;
    }

    /** A size field that says {@code size} while no data is written (the data is what follows). */
    public Header sizeField(long size) {
      this.sizeField = String.format("%011o\0", size).getBytes(StandardCharsets.US_ASCII);
      return this;
    }

    public Header link(String link) {
      this.link = link;
      return this;
    }

    /** The 8 bytes of magic and version, e.g. {@code "ustar  \0"} (GNU) or 8 NULs (V7). */
    public Header magic(String magic) {
      this.magic = magic;
      return this;
    }

    public Header prefix(String prefix) {
      this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Header badChecksum() {
      this.badChecksum = true;
      return this;
    }

    /** The 512 bytes of this header. */
    public byte[] block() {
      byte[] b = new byte[512];
      put(b, 0, 100, name);
      put(b, 100, 8, modeField != null ? modeField : octal(mode, 8));
      put(b, 108, 8, octal(uid, 8));
      put(b, 116, 8, octal(gid, 8));
      put(b, 124, 12, sizeField != null ? sizeField : octal(size, 12));
      put(b, 136, 12, octal(0, 12));
      for (int i = 148; i < 156; i++) {
        b[i] = ' ';
      }
      b[156] = (byte) type;
      put(b, 157, 100, link.getBytes(StandardCharsets.UTF_8));
      put(b, 257, 8, magic.getBytes(StandardCharsets.ISO_8859_1));
      put(b, 345, 155, prefix);
      long sum = 0;
      for (byte x : b) {
        sum += x & 0xff;
      }
      if (badChecksum) {
        sum += 1;
      }
      put(b, 148, 8, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
      return b;
    }

    private static byte[] octal(long v, int width) {
      return String.format("%0" + (width - 1) + "o\0", v).getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] b, int off, int len, byte[] v) {
      System.arraycopy(v, 0, b, off, Math.min(len, v.length));
    }
  }
}
