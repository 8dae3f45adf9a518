package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.layer;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_doesNotHaveFile_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, FileImages.FILES);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> missing() {
    return everySource(
        new Object[] {"/etc/missing"},
        new Object[] {"/etc/secret.key"},
        new Object[] {"/opt/data/old.db"},
        new Object[] {"/etc/dangling"},
        new Object[] {"/etc/loop"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("missing")
  void passes_when_nothing_is_there_following_symlinks(Source source, String path) {
    // GIVEN
    ContainerImage image = images.open(FileImages.FILES, source);
    // WHEN / THEN
    assertThat(image).doesNotHaveFile(path);
  }

  static Stream<Arguments> existing() {
    String first = layer(FileImages.FILES, 1);
    return everySource(
        new Object[] {"/etc/app.conf", "-rw-r--r-- 0:0 /etc/app.conf from " + first},
        new Object[] {"/etc/app.link",
            "-rw-r--r-- 0:0 /etc/app.conf from " + first + ", reached through /etc/app.link"},
        new Object[] {"/lib/libc.so.6",
            "-rwxr-xr-x 0:0 /usr/lib/libc.so.6 from " + first + ", reached through /lib/libc.so.6"},
        // the layer that makes /opt/data opaque writes it (the engine creates it in that layer to mark it)
        new Object[] {"/opt/data", "drwxr-xr-x 0:0 /opt/data from " + layer(FileImages.FILES, 2)});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("existing")
  void fails_showing_what_is_there(Source source, String path, String found) {
    // GIVEN
    ContainerImage image = images.open(FileImages.FILES, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).doesNotHaveFile(path))
        .withMessage(String.format("%nExpecting image:%n  %s%nnot to have file:%n  %s%nbut found:%n  %s",
            name(image), path, found));
  }

  @Test
  void rejects_a_path_above_the_root() {
    // GIVEN
    ContainerImage image = images.open(FileImages.FILES, Source.OCI_LAYOUT);
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(image).doesNotHaveFile("/../etc/shadow"))
        .withMessage("doesNotHaveFile expects an absolute path inside the image, such as /etc/passwd, "
            + "but got: /../etc/shadow");
  }
}
