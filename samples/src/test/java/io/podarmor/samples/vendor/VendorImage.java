package io.podarmor.samples.vendor;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The third-party image the consumer sample pins by digest: a distroless-style image, built byte for byte the same
 * on every machine (fixed timestamps, uncompressed layers, a hand-assembled program), so its digest can be pinned in
 * source like a consumer pins a vendor's release.
 */
public final class VendorImage {
  /** Where the vendor "publishes" it: the local registry the tests use. */
  public static final String REPOSITORY = "podarmor-vendor/app";
  public static final String TAG = "1.0";

  private VendorImage() {}

  /** The image: {@code /app}, a passwd with the nonroot user, a distroless-style dpkg database, user 65532. */
  public static TestImage build() {
    return TestImage.named("127.0.0.1:5000/" + REPOSITORY + ":" + TAG)
        .layer(Layer.create()
            .dir("/etc", 0755)
            .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
                + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n", 0644)
            .file("/etc/group", "root:x:0:\nnonroot:x:65532:\n", 0644)
            .file("/etc/os-release", "PRETTY_NAME=\"Distroless\"\nNAME=\"Debian GNU/Linux\"\nID=debian\n"
                + "VERSION_ID=\"12\"\n", 0644)
            .dir("/var/lib/dpkg/status.d", 0755)
            .file("/var/lib/dpkg/status.d/base-files", "Package: base-files\nStatus: install ok installed\n"
                + "Architecture: amd64\nVersion: 12.4+deb12u8\n", 0644)
            .file("/var/lib/dpkg/status.d/tzdata", "Package: tzdata\nStatus: install ok installed\n"
                + "Architecture: all\nVersion: 2024b-0+deb12u1\n", 0644)
            .owner(65532, 65532)
            .dir("/home/nonroot", 0700))
        .layer(Layer.create().file("/app", exitZeroProgram(), 0755))
        .user("65532:65532")
        .entrypoint("/app")
        .label("org.opencontainers.image.vendor", "Acme")
        .label("org.opencontainers.image.version", TAG)
        .history("vendor base: passwd, group, os-release, dpkg status.d", false)
        .history("COPY app /app # buildkit", false);
  }

  /** A 129-byte static x86-64 Linux program that exits 0 (ELF header, one PT_LOAD, {@code exit(0)}). */
  static byte[] exitZeroProgram() {
    byte[] code = {(byte) 0xb8, 0x3c, 0, 0, 0, 0x31, (byte) 0xff, 0x0f, 0x05}; // mov eax,60; xor edi,edi; syscall
    int headers = 64 + 56;
    long base = 0x400000L;
    ByteBuffer b = ByteBuffer.allocate(headers + code.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    b.putShort((short) 2).putShort((short) 0x3e).putInt(1);          // ET_EXEC, x86-64, version
    b.putLong(base + headers).putLong(64).putLong(0);                 // entry, phoff, shoff
    b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1); // flags, ehsize, phentsize, phnum
    b.putShort((short) 0).putShort((short) 0).putShort((short) 0);   // shentsize, shnum, shstrndx
    b.putInt(1).putInt(5).putLong(0).putLong(base).putLong(base);    // PT_LOAD, R+X, offset, vaddr, paddr
    b.putLong(headers + code.length).putLong(headers + code.length).putLong(0x1000);
    b.put(code);
    return b.array();
  }
}
