package io.podarmor.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.testing.EngineOracle;
import io.podarmor.testing.RawTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the tar reader against Go's {@code archive/tar}, which the engine unpacks layers with: valid archives with
 * random mutations (header fields, checksums made to match again, truncation, dropped or repeated blocks). The promise:
 * the same entries as Go (name, type, data size, mode, owner, link) up to the same point, and an error exactly where
 * Go has one (a sparse file, which PodArmor refuses and Go expands, aside); never an exception of another kind.
 */
class TarReaderFuzz {
  private static final List<byte[]> SEEDS = List.of(
      RawTar.create().dir("etc", 0755).file("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644)
          .symlink("bin", "usr/bin").hardlink("etc/p2", "etc/passwd", 04755).end(),
      RawTar.create().pax('x', "path", "usr/lib/" + "x".repeat(120), "uid", "4294967296").file("short", "data", 0755)
          .pax('g', "comment", "global").file("a", "b", 0644).end(),
      RawTar.create().gnuLong('L', ("very/long/" + "n".repeat(150)).getBytes(StandardCharsets.UTF_8))
          .file("x", "content", 0600).gnuLong('K', "target/of/link".getBytes(StandardCharsets.UTF_8))
          .symlink("l", "t").end(),
      RawTar.create().header(RawTar.header("sh").prefix("usr/local/bin").mode(0755).size(3)).data("abc".getBytes())
          .header(RawTar.header("d/").type('\0').mode(0755)).file("f", new byte[1000], 0644).end());

  @Property
  void reads_every_tar_as_go_does(@ForAll("mutatedTars") byte[] tar) {
    JsonNode go = EngineOracle.shared().tar(tar);
    List<String> ours = new ArrayList<>();
    String error = null;
    long start = System.nanoTime();
    try {
      TarReader reader = new TarReader(new ByteArrayInputStream(tar));
      byte[] buf = new byte[8192];
      TarHeader h;
      while ((h = reader.next()) != null) {
        long n = 0;
        int r;
        String entry = describe(h.name(), h.type(), 0, h.mode(), h.uid(), h.gid(), h.linkName());
        try {
          while ((r = reader.read(buf, 0, buf.length)) >= 0) {
            n += r;
          }
        } finally {
          ours.add(entry.replace("size=0;", "size=" + n + ";"));
        }
      }
    } catch (IOException e) {
      error = e.getMessage();
    }
    assertThat(System.nanoTime() - start).as("time").isLessThan(10_000_000_000L);
    List<String> theirs = new ArrayList<>();
    for (JsonNode e : go.path("entries")) {
      theirs.add(describe(e.path("name").asText(), (char) e.path("type").asInt(), e.path("size").asLong(),
          e.path("mode").asLong(), e.path("uid").asLong(), e.path("gid").asLong(), e.path("link").asText()));
    }
    String goError = go.has("err") ? go.get("err").asText() : null;
    if (error != null && error.contains("sparse file")) {
      return; // Go expands sparse files, PodArmor refuses them
    }
    if (!ours.equals(theirs) || (error != null) != (goError != null)) {
      keep(tar);
    }
    assertThat(ours).as("entries of %s (ours failed with %s, Go's with %s)", hex(tar), error, goError)
        .isEqualTo(theirs);
    assertThat(error != null).as("an error from PodArmor (%s) exactly where Go has one (%s), for %s", error, goError,
        hex(tar)).isEqualTo(goError != null);
  }

  @Provide
  Arbitrary<byte[]> mutatedTars() {
    Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
    Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 6),
        Arbitraries.integers().between(0, 4095), Arbitraries.integers().between(0, 255)).as((k, at, value) ->
        new int[] {k, at, value}).list().ofMinSize(1).ofMaxSize(6);
    return Combinators.combine(seed, edits).as(TarReaderFuzz::mutate);
  }

  /** Applies edits: a byte set anywhere or in a header field, then its checksum fixed; a cut; a block dropped. */
  private static byte[] mutate(byte[] seed, List<int[]> edits) {
    byte[] b = seed.clone();
    for (int[] e : edits) {
      if (b.length < 512) {
        break;
      }
      int block = Math.min((e[1] / 512) * 512, (b.length / 512 - 1) * 512);
      switch (e[0]) {
        case 0 -> b[e[1] % b.length] = (byte) e[2];
        case 1 -> { // a header field, checksum fixed so the header is read
          int[] fields = {0, 99, 100, 107, 124, 125, 134, 135, 156, 157, 257, 262, 263, 345};
          b[(block + fields[e[2] % fields.length]) % b.length] = (byte) pick(e[2]);
          fixChecksum(b, block);
        }
        case 2 -> b = Arrays.copyOf(b, e[1] % (b.length + 1));
        case 3 -> { // a size field rewritten as octal text, checksum fixed
          String size = String.format("%011o", e[2] * 3L);
          System.arraycopy(size.getBytes(StandardCharsets.US_ASCII), 0, b, Math.min(block + 124, b.length - 12), 11);
          fixChecksum(b, block);
        }
        case 4 -> { // the typeflag, checksum fixed
          b[Math.min(block + 156, b.length - 1)] = (byte) "0125 x gLKS7\0".charAt(e[2] % 13);
          fixChecksum(b, block);
        }
        case 5 -> b = drop(b, block);
        default -> b = repeat(b, block);
      }
    }
    return b;
  }

  private static int pick(int v) {
    int[] interesting = {0, ' ', '/', '0', '7', '8', 'x', 0x80, 0xff, '.', '\n'};
    return v % 2 == 0 ? interesting[v % interesting.length] : v;
  }

  private static void fixChecksum(byte[] b, int block) {
    if (block + 512 > b.length) {
      return;
    }
    for (int i = 148; i < 156; i++) {
      b[block + i] = ' ';
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += b[block + i] & 0xff;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, b, block + 148, 8);
  }

  private static byte[] drop(byte[] b, int block) {
    if (block + 512 > b.length) {
      return b;
    }
    byte[] out = new byte[b.length - 512];
    System.arraycopy(b, 0, out, 0, block);
    System.arraycopy(b, block + 512, out, block, b.length - block - 512);
    return out;
  }

  private static byte[] repeat(byte[] b, int block) {
    if (block + 512 > b.length) {
      return b;
    }
    byte[] out = new byte[b.length + 512];
    System.arraycopy(b, 0, out, 0, block + 512);
    System.arraycopy(b, block, out, block + 512, b.length - block);
    return out;
  }

  /** One entry as both sides are compared: names with undecodable bytes as U+FFFD, as Go's JSON writes them. */
  private static String describe(String name, char type, long size, long mode, long uid, long gid, String link) {
    return "name=" + goText(name) + "; type=" + (int) type + "; size=" + size + "; mode=" + Long.toOctalString(mode)
        + "; owner=" + uid + ":" + gid + "; link=" + goText(link);
  }

  private static String goText(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean escaped = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
      out.append(escaped ? '\ufffd' : c);
    }
    return out.toString();
  }

  /** Keeps a failing input in {@code target/fuzz/} to replay it. */
  private static void keep(byte[] tar) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "fuzz"));
      java.nio.file.Files.write(dir.resolve(io.podarmor.testing.TestImage.hex(io.podarmor.testing.TestImage
          .sha256(tar)) + ".tar"), tar);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String hex(byte[] b) {
    return b.length + " bytes, sha256 " + io.podarmor.testing.TestImage.sha256(b);
  }
}
