package io.podarmor.internal.fs;

/**
 * The architecture an ELF file is built for, read from its header (magic, class, byte order and {@code e_machine})
 * and named as OCI platforms name it ({@code amd64}, {@code arm64}, {@code arm}, {@code 386}, …). Only the class and
 * byte order each platform's kernel loads count: a kernel reads {@code e_machine} in its own byte order, so an x86-64
 * machine number in a big-endian header runs nowhere. Any other header reads as, e.g., {@code "ELF machine 62
 * (64-bit, big-endian)"}.
 */
public final class Elf {
  /** Through {@code e_machine}: magic (4), class, data, version, OS ABI and padding (12), {@code e_type} (2). */
  private static final int MACHINE_END = 20;
  private static final int CLASS_32 = 1;
  private static final int CLASS_64 = 2;
  private static final int LITTLE = 1;
  private static final int BIG = 2;

  private Elf() {}

  /** The architecture, or {@code null} when the bytes do not start an ELF header. */
  public static String architecture(byte[] head, int length) {
    if (length < MACHINE_END || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
      return null;
    }
    int elfClass = head[4];
    int order = head[5];
    int machine = order == LITTLE ? (head[18] & 0xff) | (head[19] & 0xff) << 8
        : (head[18] & 0xff) << 8 | (head[19] & 0xff);
    String name = platformName(machine, elfClass, order);
    return name != null ? name : "ELF machine " + machine + " ("
        + (elfClass == CLASS_32 ? "32-bit" : elfClass == CLASS_64 ? "64-bit" : "class " + elfClass) + ", "
        + (order == LITTLE ? "little-endian" : order == BIG ? "big-endian" : "byte order " + order) + ")";
  }

  private static String platformName(int machine, int elfClass, int order) {
    boolean wide = elfClass == CLASS_64;
    boolean little = order == LITTLE;
    if (elfClass != CLASS_32 && !wide || !little && order != BIG) {
      return null;
    }
    switch (machine) {
      case 62: // EM_X86_64
        return wide && little ? "amd64" : null;
      case 3: // EM_386
        return !wide && little ? "386" : null;
      case 183: // EM_AARCH64
        return wide && little ? "arm64" : null;
      case 40: // EM_ARM
        return !wide && little ? "arm" : null;
      case 21: // EM_PPC64
        return wide ? (little ? "ppc64le" : "ppc64") : null;
      case 22: // EM_S390
        return wide && !little ? "s390x" : null;
      case 243: // EM_RISCV
        return wide && little ? "riscv64" : null;
      case 8: // EM_MIPS
        return (wide ? "mips64" : "mips") + (little ? "le" : "");
      case 258: // EM_LOONGARCH
        return wide && little ? "loong64" : null;
      default:
        return null;
    }
  }
}
