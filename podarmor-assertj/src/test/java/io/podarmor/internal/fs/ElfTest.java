package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.Elfs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfTest {
  @ParameterizedTest(name = "e_machine {0}, 64-bit {1}, little-endian {2}: {3}")
  @CsvSource({
      "62, true, true, amd64", "3, false, true, 386", "183, true, true, arm64", "40, false, true, arm",
      "21, true, true, ppc64le", "21, true, false, ppc64", "22, true, false, s390x", "243, true, true, riscv64",
      "8, false, false, mips", "8, false, true, mipsle", "8, true, false, mips64", "8, true, true, mips64le",
      "258, true, true, loong64",
      "62, true, false, 'ELF machine 62 (64-bit, big-endian)'", "62, false, true, 'ELF machine 62 (32-bit, little-endian)'",
      "3, true, true, 'ELF machine 3 (64-bit, little-endian)'", "22, true, true, 'ELF machine 22 (64-bit, little-endian)'",
      "36902, true, true, 'ELF machine 36902 (64-bit, little-endian)'"})
  void names_the_architecture_a_kernel_loads_the_header_for(int machine, boolean wide, boolean little, String arch) {
    byte[] program = Elfs.program(machine, wide, little);
    assertThat(Elf.architecture(program, program.length)).isEqualTo(arch);
  }

  @Test
  void reads_no_architecture_from_what_is_no_elf_header() {
    byte[] program = Elfs.exit0();
    assertThat(Elf.architecture(program, 19)).as("cut before e_machine").isNull();
    byte[] script = "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(Elf.architecture(script, script.length)).isNull();
    program[3] = 'f';
    assertThat(Elf.architecture(program, program.length)).isNull();
  }

  @Test
  void names_a_class_or_byte_order_no_kernel_knows() {
    byte[] program = Elfs.exit0();
    program[4] = 3;
    program[5] = 0;
    assertThat(Elf.architecture(program, program.length)).isEqualTo("ELF machine 15872 (class 3, byte order 0)");
  }
}
