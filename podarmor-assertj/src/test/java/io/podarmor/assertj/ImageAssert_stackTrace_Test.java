package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure points at the test's line, as AssertJ's own do: the assertion and check frames are left out. */
class ImageAssert_stackTrace_Test {
  @TempDir Path tmp;

  @Test
  void the_first_frame_of_a_failure_is_the_callers() {
    ContainerImage image = ContainerImage.fromOciLayout(SuidImages.SUID.writeOciLayout(tmp.resolve("suid")));

    AssertionError failure = catchThrowableOfType(AssertionError.class, () -> assertThat(image).hasNoSuidFiles());

    org.assertj.core.api.Assertions.assertThat(failure.getStackTrace()[0].getClassName())
        .startsWith(ImageAssert_stackTrace_Test.class.getName());
  }
}
