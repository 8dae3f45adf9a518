package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The interpreter of a {@code #!} line, as the kernel's binfmt_script reads it. */
class ShebangTest {
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiterString = " => ", nullValues = "NULL", value = {
      "#!/bin/sh\\nexit 0\\n => /bin/sh",
      "#!/bin/sh => /bin/sh", // a short file ends in the kernel's zeroed buffer
      "#! \\t/usr/bin/env python3\\n => /usr/bin/env",
      "#!/bin/sh -e\\n => /bin/sh",
      "#!\\n => ''",
      "#!   \\t \\n => ''",
      "# !/bin/sh\\n => NULL",
      "echo hi\\n => NULL",
      "#/bin/sh => NULL",
      "#!/bin/sh\\u0000rest\\n => /bin/sh",
  })
  void readsTheFirstWordOfTheFirstLine(String content, String interpreter) {
    byte[] b = unescape(content).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Shebang.interpreter(b, b.length)).isEqualTo(interpreter);
  }

  @ParameterizedTest(name = "a name of {0} bytes with no newline")
  @CsvSource({"252, true", "253, false", "300, false"})
  void aNameThatMayRunPastTheKernelsBufferIsRefused(int nameLength, boolean readable) {
    byte[] b = ("#!/" + "a".repeat(nameLength - 1)).getBytes(StandardCharsets.US_ASCII);
    // 2 + nameLength bytes: the name must end before the buffer's last byte (255)
    assertThat(Shebang.interpreter(b, b.length)).isEqualTo(readable ? "/" + "a".repeat(nameLength - 1) : "");
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\u0000", "\u0000");
  }
}
