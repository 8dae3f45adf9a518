package io.podarmor.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The smallest ELF programs: a static amd64 binary that exits 0, a static 386 one, and their headers for other
 * machines.
 */
public final class Elfs {
  /** {@code xor edi, edi; mov eax, 60; syscall}: exit(0) on x86-64. */
  private static final byte[] EXIT_0_64 = {0x31, (byte) 0xff, (byte) 0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05};
  /** {@code xor ebx, ebx; mov eax, 1; int 0x80}: exit(0) on i386. */
  private static final byte[] EXIT_0_32 = {0x31, (byte) 0xdb, (byte) 0xb8, 1, 0, 0, 0, (byte) 0xcd, (byte) 0x80};

  private Elfs() {}

  /** A static x86-64 executable that exits 0: a health probe that succeeds. */
  public static byte[] exit0() {
    return program(62, true, true);
  }

  /**
   * The exit(0) program with the header of a machine ({@code e_machine}), class and byte order: the 64-bit layout
   * with x86-64 code, or the 32-bit layout with i386 code.
   */
  public static byte[] program(int machine, boolean wide, boolean little) {
    int headers = wide ? 64 + 56 : 52 + 32;
    byte[] code = wide ? EXIT_0_64 : EXIT_0_32;
    long base = wide ? 0x400000L : 0x08048000L;
    int total = headers + code.length;
    ByteBuffer b = ByteBuffer.allocate(total).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), (byte) (little ? 1 : 2), 1, 0});
    b.put(new byte[8]);
    b.putShort((short) 2).putShort((short) machine).putInt(1); // ET_EXEC, e_machine, EV_CURRENT
    if (wide) {
      b.putLong(base + headers).putLong(64).putLong(0).putInt(0); // entry, phoff, shoff, flags
      b.putShort((short) 64).putShort((short) 56);
    } else {
      b.putInt((int) (base + headers)).putInt(52).putInt(0).putInt(0);
      b.putShort((short) 52).putShort((short) 32);
    }
    b.putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0); // one program header
    if (wide) { // PT_LOAD of the whole file, R+X
      b.putInt(1).putInt(5).putLong(0).putLong(base).putLong(base).putLong(total).putLong(total).putLong(0x1000);
    } else {
      b.putInt(1).putInt(0).putInt((int) base).putInt((int) base).putInt(total).putInt(total).putInt(5).putInt(0x1000);
    }
    b.put(code);
    return b.array();
  }
}
