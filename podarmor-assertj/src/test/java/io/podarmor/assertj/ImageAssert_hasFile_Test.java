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

class ImageAssert_hasFile_Test {
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

  static Stream<Arguments> existing() {
    return everySource(
        new Object[] {"/etc/app.conf"},
        new Object[] {"/etc/app.link"},
        new Object[] {"/lib/libc.so.6"},
        new Object[] {"/lib/../etc/./app.conf"},
        new Object[] {"/opt/data"},
        new Object[] {"/"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("existing")
  void passes_when_the_path_exists_following_symlinks(Source source, String path) {
    // GIVEN
    ContainerImage image = images.open(FileImages.FILES, source);
    // WHEN / THEN
    assertThat(image).hasFile(path);
  }

  static Stream<Arguments> missing() {
    return everySource(
        new Object[] {"/etc/missing", "nothing at /etc/missing"},
        new Object[] {"/etc/secret.key", "nothing at /etc/secret.key"},
        new Object[] {"/opt/data/old.db", "nothing at /opt/data/old.db"},
        new Object[] {"/etc/app.conf/x", "nothing at /etc/app.conf/x"},
        new Object[] {"/etc/loop", "/etc/loop leads into a symlink loop"},
        new Object[] {"/etc/dangling",
            "lrwxrwxrwx 0:0 /etc/dangling -> /nowhere from " + layer(FileImages.FILES, 1) + ", which leads nowhere"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("missing")
  void fails_when_nothing_is_there_following_symlinks(Source source, String path, String found) {
    // GIVEN
    ContainerImage image = images.open(FileImages.FILES, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasFile(path))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have file:%n  %s%nbut found:%n  %s",
            name(image), path, found));
  }

  @Test
  void rejects_a_relative_path() {
    // GIVEN
    ContainerImage image = images.open(FileImages.FILES, Source.OCI_LAYOUT);
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(image).hasFile("etc/app.conf"))
        .withMessage("hasFile expects an absolute path inside the image, such as /etc/passwd, but got: etc/app.conf");
  }
}
