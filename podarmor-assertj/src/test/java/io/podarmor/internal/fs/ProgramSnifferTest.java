package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.Binaries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ProgramSnifferTest {
  private static final String[][] MARKERS = {{"BusyBox v", "busybox"}, {"Usage: toybox", "toybox"},
      {"usage: toybox", "toybox"}, {"GNU bash, version ", "bash"},
      {"Usage: getopts optstring var [arg...]", "dash"}, {"show zsh version number, then exit", "zsh"},
      {"@(#)MIRBSD KSH ", "mksh"}, {"See the tcsh(1) manual page", "tcsh"}, {"package management program version", "dpkg"},
      {"Usage: apt-get [options] command", "apt-get"}, {"Usage: apt [options] command", "apt"}};

  /**
   * The search skips ahead (most bytes of a binary are in no marker): on contents made of the markers' own letters,
   * their pieces and whole markers, it finds the same first marker as a plain byte-by-byte search, from a byte array
   * and from a stream that arrives in small pieces.
   */
  @Property(tries = 3000)
  void findsWhatAPlainSearchFinds(@ForAll("pieces") List<String> pieces, @ForAll @IntRange(min = 4, max = 70) int chunk)
      throws IOException {
    byte[] content = ("\u007fELF" + String.join("", pieces)).getBytes(StandardCharsets.ISO_8859_1);
    String expected = plainSearch(content);
    assertThat(ProgramSniffer.identify(content, content.length)).as("%s", pieces).isEqualTo(expected);
    assertThat(ProgramSniffer.identify(new TrickleStream(content, chunk))).as("%s in pieces of %d", pieces, chunk)
        .isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<String>> pieces() {
    List<String> parts = new ArrayList<>();
    for (String[] m : MARKERS) {
      parts.add(m[0]);
      for (int cut = 1; cut < m[0].length(); cut += 3) {
        parts.add(m[0].substring(0, cut));
        parts.add(m[0].substring(cut));
      }
    }
    Arbitrary<String> letter = Arbitraries.strings().withChars("BusyoxUagetGNbhpckmnri:, -[]@(#)MIRBSKHwz.\u0000\u00ff")
        .ofMinLength(1).ofMaxLength(12);
    return Arbitraries.oneOf(Arbitraries.of(parts), letter).list().ofMaxSize(30);
  }

  private static String plainSearch(byte[] content) {
    for (int i = 0; i < content.length; i++) {
      for (String[] m : MARKERS) {
        byte[] marker = m[0].getBytes(StandardCharsets.US_ASCII);
        if (i + marker.length <= content.length
            && Arrays.equals(content, i, i + marker.length, marker, 0, marker.length)) {
          return m[1];
        }
      }
    }
    return null;
  }

  @Test
  void identifiesBusyboxByItsContent() throws IOException {
    try (InputStream in = Files.newInputStream(Binaries.busybox())) {
      assertThat(ProgramSniffer.identify(in)).isEqualTo("busybox");
    }
  }

  /** The shells of distributions, each the real binary Debian ships, are known by their content. */
  @Test
  void identifiesTheShellsOfDistributionsByTheirContent() throws IOException {
    Map<Path, String> shells = Map.ofEntries(Map.entry(Binaries.dash(), "dash"),
        Map.entry(Path.of("/bin/bash"), "bash"), Map.entry(Binaries.zsh(), "zsh"), Map.entry(Binaries.mksh(), "mksh"),
        Map.entry(Binaries.tcsh(), "tcsh"),
        Map.entry(Binaries.ksh93(), "ksh93"), Map.entry(Binaries.yash(), "yash"), Map.entry(Binaries.posh(), "posh"),
        Map.entry(Binaries.sash(), "sash"), Map.entry(Binaries.fish(), "fish"), Map.entry(Binaries.rc(), "rc"));
    for (Map.Entry<Path, String> shell : shells.entrySet()) {
      try (InputStream in = Files.newInputStream(shell.getKey())) {
        assertThat(ProgramSniffer.identify(in)).as("%s", shell.getKey()).isEqualTo(shell.getValue());
      }
    }
  }

  @Test
  void identifiesPackageManagersOfOtherDistributionsByTheirContent() throws IOException {
    for (Map.Entry<Path, String> manager : Map.of(Binaries.rpm(), "rpm", Binaries.pacman(), "pacman").entrySet()) {
      try (InputStream in = Files.newInputStream(manager.getKey())) {
        assertThat(ProgramSniffer.identify(in)).as("%s", manager.getKey()).isEqualTo(manager.getValue());
      }
    }
  }

  @Test
  void aStaticBinaryThatIsNoShellIsNotIdentified() throws IOException {
    try (InputStream in = Files.newInputStream(Binaries.catatonit())) {
      assertThat(ProgramSniffer.identify(in)).isNull();
    }
  }

  @Test
  void findsAMarkerAnywhereWhateverSizesTheStreamReturns() throws IOException {
    byte[] marker = "GNU bash, version 5.2".getBytes(StandardCharsets.US_ASCII);
    for (int chunk : new int[] {7, 4096, 65536}) {
      for (int at = 65536 - marker.length - 9; at <= 65536 + 9; at++) {
        byte[] content = elf(200_000);
        System.arraycopy(marker, 0, content, at, marker.length);
        assertThat(ProgramSniffer.identify(new TrickleStream(content, chunk))).as("marker at %d", at)
            .isEqualTo("bash");
      }
    }
  }

  @Test
  void findsEachMarkerAtEveryAlignmentAndNotAPrefixOfIt() throws IOException {
    String[][] markers = {{"BusyBox v", "busybox"}, {"Usage: toybox", "toybox"}, {"usage: toybox", "toybox"},
        {"GNU bash, version ", "bash"}};
    for (String[] m : markers) {
      for (int at = 4; at < 24; at++) {
        byte[] content = elf(64);
        byte[] marker = m[0].getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, content, at, marker.length);
        assertThat(ProgramSniffer.identify(new ByteArrayInputStream(content))).as("%s at %d", m[0], at)
            .isEqualTo(m[1]);
        byte[] cut = elf(64);
        System.arraycopy(marker, 0, cut, at, marker.length - 1);
        assertThat(ProgramSniffer.identify(new ByteArrayInputStream(cut))).as("%s cut at %d", m[0], at).isNull();
      }
    }
  }

  @Test
  void aMarkerAtTheVeryEndIsFound() throws IOException {
    byte[] marker = "BusyBox v".getBytes(StandardCharsets.US_ASCII);
    byte[] content = elf(100_003);
    System.arraycopy(marker, 0, content, content.length - marker.length, marker.length);
    assertThat(ProgramSniffer.identify(new ByteArrayInputStream(content))).isEqualTo("busybox");
  }

  @Test
  void aFileThatIsNotElfIsNoProgramWhateverItSays() throws IOException {
    byte[] script = "#!/bin/sh\necho 'BusyBox v1.36 GNU bash, version 5'\n".getBytes(StandardCharsets.US_ASCII);
    ByteArrayInputStream in = new ByteArrayInputStream(script);
    assertThat(ProgramSniffer.identify(in)).isNull();
    assertThat(in.available()).isEqualTo(script.length - 4);
    assertThat(ProgramSniffer.identify(new ByteArrayInputStream(new byte[] {0x7f, 'E'}))).isNull();
  }

  /** An ELF file of this size: the magic, then filler without any marker's first byte. */
  private static byte[] elf(int size) {
    byte[] content = new byte[size];
    Arrays.fill(content, (byte) '.');
    content[0] = 0x7f;
    content[1] = 'E';
    content[2] = 'L';
    content[3] = 'F';
    return content;
  }

  /** Returns at most {@code chunk} bytes per read, as a tar entry stream may. */
  private static final class TrickleStream extends ByteArrayInputStream {
    private final int chunk;

    TrickleStream(byte[] content, int chunk) {
      super(content);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
