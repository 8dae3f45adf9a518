package io.podarmor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DebianMirrorTest {

  @Test
  void readsDeb822Sources() {
    String text = "Types: deb\n"
        + "# http://snapshot.debian.org/archive/debian/20250520T000000Z\n"
        + "URIs: http://deb.debian.org/debian/\n"
        + "Suites: bookworm bookworm-updates\n"
        + "Components: main\n"
        + "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
        + "\n"
        + "Types: deb\n"
        + "URIs: http://deb.debian.org/debian-security\n"
        + "Suites: bookworm-security\n";
    assertThat(DebianMirror.find("bookworm", true, text)).contains("http://deb.debian.org/debian");
    assertThat(DebianMirror.find("bookworm-security", true, text)).contains("http://deb.debian.org/debian-security");
    assertThat(DebianMirror.find("trixie", true, text)).isEmpty();
  }

  @Test
  void skipsDisabledAndSourceOnlyParagraphs() {
    String text = "Types: deb\nURIs: http://disabled.example/debian\nSuites: bookworm\nEnabled: no\n\n"
        + "Types: deb-src\nURIs: http://src.example/debian\nSuites: bookworm\n\n"
        + "Types: deb deb-src\nURIs: http://mirror.example/debian\nSuites: bookworm\n";
    assertThat(DebianMirror.find("bookworm", true, text)).contains("http://mirror.example/debian");
  }

  @Test
  void readsOneLineSources() {
    String text = "# deb http://commented.example/debian bookworm main\n"
        + "deb-src http://src.example/debian bookworm main\n"
        + "deb [arch=amd64 signed-by=/usr/share/keyrings/debian.gpg] http://mirror.example/debian/ bookworm main\n";
    assertThat(DebianMirror.find("bookworm", false, text)).contains("http://mirror.example/debian");
    assertThat(DebianMirror.find("bookworm", false, "deb cdrom:[Debian]/ bookworm main\n")).isEmpty();
  }

  @Test
  void thisMachineHasOne() {
    assertThat(DebianMirror.find("bookworm")).startsWith("http");
  }
}
