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

class ImageAssert_hasNoEmptyPasswords_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, AccountImages.CLEAN, AccountImages.EMPTY_PASSWORDS, AccountImages.PASSWD_ONLY,
        AccountImages.NO_ACCOUNTS, AccountImages.UNREADABLE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_every_password_is_locked_or_delegated_to_shadow(Source source) {
    assertThat(images.open(AccountImages.CLEAN, source)).hasNoEmptyPasswords();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_the_image_has_no_accounts_at_all(Source source) {
    assertThat(images.open(AccountImages.NO_ACCOUNTS, source)).hasNoEmptyPasswords();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_empty_password_field_without_printing_any_hash(Source source) {
    ContainerImage image = images.open(AccountImages.EMPTY_PASSWORDS, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoEmptyPasswords())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no account with an empty password%n"
            + "but found:%n"
            + "  guest (uid 1001): empty password field in /etc/passwd line 3%n"
            + "  root: empty password field in /etc/shadow line 1", name(image)))
        .withMessageNotContaining("$6$");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_on_an_empty_passwd_field_when_there_is_no_shadow(Source source) {
    ContainerImage image = images.open(AccountImages.PASSWD_ONLY, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoEmptyPasswords())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no account with an empty password%n"
            + "but found:%n  app (uid 1000): empty password field in /etc/passwd line 2", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_closed_when_passwd_cannot_be_read(Source source) {
    ContainerImage image = images.open(AccountImages.UNREADABLE, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoEmptyPasswords())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no account with an empty password%n"
            + "but could not decide:%n  cannot read /etc/passwd (%s: /etc/passwd is not a regular file (drwxr-xr-x))",
            name(image), image.reference()));
  }
}
