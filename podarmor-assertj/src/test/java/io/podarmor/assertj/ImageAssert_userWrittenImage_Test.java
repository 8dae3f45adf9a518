package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.InstalledPackage;
import io.podarmor.image.Platform;
import io.podarmor.supplychain.SbomFormat;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code ContainerImage} a user writes (a wrapper, a test double) gets the same checks as PodArmor's own; what it
 * cannot give (a source to find signatures and SBOMs in, layers PodArmor scanned) fails with an error naming what
 * it lacks, never a pass.
 */
class ImageAssert_userWrittenImage_Test {
  @TempDir static Path tmp;
  static ContainerImage clean;
  static ContainerImage suid;

  @BeforeAll
  static void writeImages() {
    clean = ContainerImage.fromOciLayout(SuidImages.CLEAN.writeOciLayout(tmp.resolve("clean")));
    suid = ContainerImage.fromOciLayout(SuidImages.SUID.writeOciLayout(tmp.resolve("suid")));
  }

  /** What a team might write: every call passed on, under its own reference. */
  record Wrapper(ContainerImage inner) implements ContainerImage {
    @Override public String reference() { return "wrapped/" + inner.reference(); }
    @Override public String digest() { return inner.digest(); }
    @Override public String id() { return inner.id(); }
    @Override public Platform platform() { return inner.platform(); }
    @Override public List<Platform> platforms() { return inner.platforms(); }
    @Override public ContainerImage forPlatform(Platform platform) { return new Wrapper(inner.forPlatform(platform)); }
    @Override public ImageConfig config() { return inner.config(); }
    @Override public ImageFilesystem filesystem() { return inner.filesystem(); }
    @Override public List<InstalledPackage> packages() { return inner.packages(); }
  }

  /** A test double whose filesystem is its own, not PodArmor's index. */
  record Double(ContainerImage inner) implements ContainerImage, ImageFilesystem {
    @Override public String reference() { return "double"; }
    @Override public String digest() { return inner.digest(); }
    @Override public String id() { return inner.id(); }
    @Override public Platform platform() { return inner.platform(); }
    @Override public List<Platform> platforms() { return inner.platforms(); }
    @Override public ContainerImage forPlatform(Platform platform) { return this; }
    @Override public ImageConfig config() { return inner.config(); }
    @Override public ImageFilesystem filesystem() { return this; }
    @Override public List<InstalledPackage> packages() { return inner.packages(); }
    @Override public Collection<io.podarmor.image.FileEntry> entries() { return inner.filesystem().entries(); }
    @Override public Optional<io.podarmor.image.FileEntry> get(String path) { return inner.filesystem().get(path); }
    @Override public Optional<io.podarmor.image.FileEntry> resolve(String path) {
      return inner.filesystem().resolve(path);
    }
    @Override public boolean exists(String path) { return inner.filesystem().exists(path); }
    @Override public String readString(String path) { return inner.filesystem().readString(path); }
    @Override public boolean hasContent(String path) { return inner.filesystem().hasContent(path); }
  }

  @Test
  void a_wrapper_gets_the_same_verdicts_as_the_image_it_wraps() {
    assertThat(new Wrapper(clean)).hasNoSuidFiles().hasNoShell().hasNoSecrets();
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(new Wrapper(suid)).hasNoSuidFiles())
        .withMessageContaining("wrapped/oci:").withMessageContaining("/usr/bin/passwd");
  }

  @Test
  void supply_chain_checks_say_a_wrapper_has_no_source_to_look_in() {
    ContainerImage wrapper = new Wrapper(clean);
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(wrapper).isSigned())
        .withMessageContaining("is a " + Wrapper.class.getName() + ", not an image PodArmor read, so it has no "
            + "registry, layout or engine to look for signatures in");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(wrapper).hasSbom(SbomFormat.SPDX_2_3))
        .withMessageContaining("the image's source: none, " + wrapper.reference() + " is a " + Wrapper.class.getName()
            + ", not an image PodArmor read");
  }

  @Test
  void a_double_whose_files_were_not_scanned_cannot_pass_the_secret_check() {
    assertThat(new Double(clean)).hasNoSuidFiles();
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(new Double(clean)).hasNoSecrets())
        .withMessageContaining("but could not decide:")
        .withMessageContaining("the image's files were not scanned for secrets while indexing");
  }

  /** A digest-pinned reference, as a consumer pins a third-party image. */
  record Pinned(ContainerImage inner) implements ContainerImage {
    @Override public String reference() { return "vendor/app@" + inner.digest(); }
    @Override public String digest() { return inner.digest(); }
    @Override public String id() { return inner.id(); }
    @Override public Platform platform() { return inner.platform(); }
    @Override public List<Platform> platforms() { return inner.platforms(); }
    @Override public ContainerImage forPlatform(Platform platform) { return this; }
    @Override public ImageConfig config() { return inner.config(); }
    @Override public ImageFilesystem filesystem() { return inner.filesystem(); }
    @Override public List<InstalledPackage> packages() { return inner.packages(); }
  }

  @Test
  void a_digest_pinned_image_is_named_with_its_digest_once() {
    ContainerImage pinned = new Pinned(suid);
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(pinned).hasNoSuidFiles())
        .withMessageStartingWith(String.format("%nExpecting image:%n  vendor/app@%s%nto have no setuid",
            suid.digest()));
  }
}
