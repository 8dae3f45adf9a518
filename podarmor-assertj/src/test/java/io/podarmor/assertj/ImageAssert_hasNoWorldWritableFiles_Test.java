package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasNoWorldWritableFiles_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, WorldWritableImages.CLEAN, WorldWritableImages.WRITABLE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_for_sticky_shared_directories_the_tmp_trees_symlinks_devices_and_files_made_private(Source source) {
    // GIVEN
    ContainerImage image = images.open(WorldWritableImages.CLEAN, source);
    List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    // WHEN
    try (Verdicts.Registration registration = Verdicts.register(verdicts::add)) {
      assertThat(image).hasNoWorldWritableFiles();
    }
    // THEN
    org.assertj.core.api.Assertions.assertThat(verdicts).singleElement().satisfies(v -> {
      org.assertj.core.api.Assertions.assertThat(v.property()).isEqualTo(Property.NO_WORLD_WRITABLE);
      org.assertj.core.api.Assertions.assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_world_writable_file_and_directory_with_mode_owner_and_layer(Source source) {
    // GIVEN
    ContainerImage image = images.open(WorldWritableImages.WRITABLE, source);
    String[] evidence = WorldWritableImages.evidence();
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoWorldWritableFiles())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no world-writable files (but under /tmp and "
            + "/var/tmp) or world-writable directories without the sticky bit%nbut found:%n  %s%n  %s%n  %s",
            name(image), evidence[0], evidence[1], evidence[2]));
  }
}
