package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasNoDuplicateIds_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, AccountImages.CLEAN, AccountImages.DUPLICATES, AccountImages.NO_ACCOUNTS,
        AccountImages.UNREADABLE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_every_id_and_name_is_unique(Source source) {
    assertThat(images.open(AccountImages.CLEAN, source)).hasNoDuplicateIds();
    assertThat(images.open(AccountImages.NO_ACCOUNTS, source)).hasNoDuplicateIds();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_duplicate_id_and_name(Source source) {
    ContainerImage image = images.open(AccountImages.DUPLICATES, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoDuplicateIds())
        .withMessage(String.format("%nExpecting image:%n  %s%n"
            + "to have no duplicate uids, gids, user names or group names%nbut found:%n"
            + "  gid 10 in /etc/group: wheel (line 2), admin (line 3)%n"
            + "  group name staff in /etc/group: gid 50 (line 4), gid 51 (line 5)%n"
            + "  uid 0 in /etc/passwd: root (line 1), toor (line 2)%n"
            + "  user name app in /etc/passwd: uid 1000 (line 3), uid 1001 (line 4)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_closed_when_passwd_cannot_be_read(Source source) {
    ContainerImage image = images.open(AccountImages.UNREADABLE, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoDuplicateIds())
        .withMessage(String.format("%nExpecting image:%n  %s%n"
            + "to have no duplicate uids, gids, user names or group names%nbut could not decide:%n"
            + "  cannot read /etc/passwd (%s: /etc/passwd is not a regular file (drwxr-xr-x))",
            name(image), image.reference()));
  }
}
