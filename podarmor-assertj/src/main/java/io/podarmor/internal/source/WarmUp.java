package io.podarmor.internal.source;

import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.oci.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Gets the reading code ready while a fresh JVM waits for other things, so that the first image of a run is not read
 * by code still being loaded and interpreted. Two moments, each once per JVM, each on a daemon thread: when the first
 * image is opened ({@link #start()}: the disk cache's directory, the JSON layer and the logger, while the main thread
 * asks the engine or registry what the image is), and while the engine prepares its first export ({@link
 * #whileWaiting}: {@code docker save} answers only once the engine has written the whole archive, most of a second for
 * a 100 MB image), when a small layer made up here is read again and again with the same code until the answer
 * comes. It touches no cache and no counter, and its outcome is ignored: it prepares, it decides nothing.
 */
final class WarmUp {
  /** What is waited for: the engine's answer, or its failure. */
  interface Wait<T> {
    T get() throws IOException;
  }

  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final AtomicBoolean WAITED = new AtomicBoolean();
  private static final int MAX_ROUNDS = 8;
  private static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":"
      + "\"2026-01-02T03:04:05.123456789Z\",\"config\":{\"User\":\"65532:65532\",\"Env\":[\"PATH=/usr/bin:/bin\"],"
      + "\"Entrypoint\":[\"/usr/bin/app\"],\"Cmd\":null,\"WorkingDir\":\"/\",\"Labels\":{\"a\":\"b\"},"
      + "\"Healthcheck\":{\"Test\":[\"CMD\",\"/usr/bin/app\",\"health\"],\"Interval\":30000000000}},"
      + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "0".repeat(64) + "\"]},"
      + "\"history\":[{\"created\":\"2026-01-02T03:04:05Z\",\"created_by\":\"COPY app /usr/bin/app # buildkit\"}]}";

  private WarmUp() {}

  /** Starts getting the disk cache, the JSON layer and the logger ready, the first time only; returns at once. */
  static void start() {
    if (STARTED.compareAndSet(false, true)) {
      daemon(WarmUp::prepare);
    }
  }

  /**
   * Waits for the engine's answer while warming up, the first time in this JVM only; the warm-up stops when the answer
   * comes.
   */
  static <T> T whileWaiting(Wait<T> answer) throws IOException {
    if (!WAITED.compareAndSet(false, true)) {
      return answer.get();
    }
    AtomicBoolean answered = new AtomicBoolean();
    daemon(() -> readLayers(answered));
    try {
      return answer.get();
    } finally {
      answered.set(true);
    }
  }

  private static void daemon(Runnable work) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError ignored) {
        // only preparation: the real work says whatever there is to say
      }
    }, "podarmor-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** What the first image's opening and first read need, whatever its source. */
  static void prepare() {
    DiskCache.root(); // first: a run with the cache reads it right after asking what the image is
    byte[] config = CONFIG.getBytes(StandardCharsets.UTF_8);
    EngineImageShape.check(Json.parse(config, "warm-up config"), "warm-up config");
    LoggerFactory.getLogger("io.podarmor");
  }

  /** Reads the made-up layer, at most {@value #MAX_ROUNDS} times, until the answer comes. */
  static void readLayers(AtomicBoolean answered) {
    byte[] layer = layer();
    for (int i = 0; i < MAX_ROUNDS && !answered.get(); i++) {
      LayerLoader.Result read = LayerLoader.load(new ByteArrayInputStream(layer), Compression.NONE, "warm-up layer");
      new FilesystemMerger("warm-up image", LayerNeeds.PASS).apply(read.index(), 1, read.diffId()).build();
    }
  }

  /** A layer shaped like a small distribution: directories, binaries, libraries, texts, links, account files. */
  static byte[] layer() {
    ByteArrayOutputStream tar = new ByteArrayOutputStream(2 << 20);
    byte[] elf = new byte[32 << 10];
    byte[] elfMagic = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    System.arraycopy(elfMagic, 0, elf, 0, elfMagic.length);
    long seed = 0x9E3779B97F4A7C15L;
    for (int i = 64; i < elf.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      elf[i] = (i & 3) == 0 ? 0 : (byte) (seed >>> 56);
    }
    byte[] text = ("Copyright: 2026 The Authors\nLicense: GPL-2+\n  This package is free software; see "
        + "/usr/share/common-licenses/GPL-2.\n").repeat(24).getBytes(StandardCharsets.US_ASCII);
    byte[] script = "#!/bin/sh\nset -e\nexec /usr/bin/app \"$@\"\n".getBytes(StandardCharsets.US_ASCII);
    entry(tar, "etc/", '5', 0755, new byte[0], "");
    entry(tar, "etc/passwd", '0', 0644, "root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532::/home:/sbin/nologin\n"
        .getBytes(StandardCharsets.US_ASCII), "");
    entry(tar, "etc/group", '0', 0644, "root:x:0:\nnonroot:x:65532:\n".getBytes(StandardCharsets.US_ASCII), "");
    entry(tar, "var/", '5', 0755, new byte[0], "");
    entry(tar, "var/lib/", '5', 0755, new byte[0], "");
    entry(tar, "var/lib/dpkg/", '5', 0755, new byte[0], "");
    entry(tar, "var/lib/dpkg/status", '0', 0644, ("Package: app\nStatus: install ok installed\nVersion: 1.0\n"
        + "Architecture: amd64\n\n").repeat(40).getBytes(StandardCharsets.US_ASCII), "");
    for (int d = 0; d < 12; d++) {
      String dir = "usr/lib/pkg" + d + "/";
      entry(tar, dir, '5', 0755, new byte[0], "");
      for (int f = 0; f < 30; f++) {
        String name = dir + "file" + f;
        switch (f % 6) {
          case 0 -> entry(tar, name, '0', f == 6 ? 04755 : 0755, f == 0 ? elf : Arrays.copyOf(elf, 4096), "");
          case 1 -> entry(tar, name + ".sh", '0', 0755, script, "");
          case 2 -> entry(tar, name + ".so", '2', 0777, new byte[0], "file0");
          default -> entry(tar, name + ".txt", '0', 0644, text, "");
        }
      }
    }
    tar.writeBytes(new byte[1024]);
    return tar.toByteArray();
  }

  /** One ustar entry: header, content, padding. */
  private static void entry(ByteArrayOutputStream tar, String name, char type, int mode, byte[] content,
      String link) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, octal(mode, 7));
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, octal(content.length, 11));
    put(h, 136, octal(1767322800L, 11));
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = (byte) type;
    put(h, 157, link);
    put(h, 257, "ustar");
    put(h, 263, "00");
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, octal(sum, 6));
    h[154] = 0;
    tar.writeBytes(h);
    tar.writeBytes(content);
    tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
  }

  private static String octal(long value, int digits) {
    String s = Long.toOctalString(value);
    return "0".repeat(digits - s.length()) + s;
  }

  private static void put(byte[] header, int at, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, at, bytes.length);
  }
}
