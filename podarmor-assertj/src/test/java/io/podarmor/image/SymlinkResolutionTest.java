package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageFilesystem#resolve} follows symlinks inside the image, as the kernel does in a container. */
class SymlinkResolutionTest {
  @TempDir static Path tmp;
  static ImageFilesystem fs;
  static String ref;

  @BeforeAll
  static void image() {
    TestImage image = TestImage.named("podarmor-test-foundation/symlinks:1").label("test", "symlinks")
        .layer(Layer.create()
            .dir("/usr/bin", 0755).file("/usr/bin/dash", "dash", 0755)
            .symlink("/usr/bin/sh", "dash")
            .symlink("/bin", "usr/bin")
            .dir("/usr/lib/x86_64-linux-gnu", 0755).file("/usr/lib/x86_64-linux-gnu/libc.so.6.real", "c", 0755)
            .symlink("/usr/lib/x86_64-linux-gnu/libc.so.6", "libc.so.6.real")
            .symlink("/lib", "usr/lib")
            .symlink("/lib64", "/usr/lib")
            .dir("/usr/local/bin", 0755).symlink("/usr/local/bin/tool", "../../bin/dash")
            .symlink("/etc/escape", "../../../../../usr/bin/dash")
            .symlink("/chain/a", "b").symlink("/chain/b", "/chain/c").symlink("/chain/c", "../usr/bin/sh")
            .symlink("/dangling", "/nowhere/at/all")
            .symlink("/empty", "")
            .symlink("/loop/a", "b").symlink("/loop/b", "a")
            .symlink("/self", "self")
            .symlink("/deep", "/deep/down"))
        .layer(Layer.create().symlink("/usr/bin/sh", "/usr/bin/dash"));
    Path layout = image.writeOciLayout(tmp.resolve("layout"));
    ref = "oci:" + layout.toAbsolutePath();
    fs = ContainerImage.fromOciLayout(layout).filesystem();
  }

  @Test
  void anAbsoluteTargetIsFollowedFromTheImageRoot() {
    assertThat(fs.resolve("/lib64/x86_64-linux-gnu/libc.so.6")).get().extracting(FileEntry::path)
        .isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6.real");
  }

  @Test
  void aRelativeTargetIsFollowedFromTheLinksDirectory() {
    assertThat(fs.resolve("/usr/bin/sh")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
    assertThat(fs.resolve("/usr/local/bin/tool")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
  }

  @Test
  void symlinksInAnyPathElementAreFollowed() {
    // /bin -> usr/bin, and layer 2 replaced /usr/bin/sh with an absolute link
    assertThat(fs.get("/usr/bin/sh")).get().extracting(e -> e.linkTarget().orElseThrow(), FileEntry::layerIndex)
        .containsExactly("/usr/bin/dash", 2);
    assertThat(fs.resolve("/bin/sh")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
    assertThat(fs.resolve("/lib/x86_64-linux-gnu/libc.so.6")).get().extracting(FileEntry::path)
        .isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6.real");
    assertThat(fs.resolve("/chain/a")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
    assertThat(fs.resolve("//usr/./bin/../bin/sh/")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
  }

  @Test
  void dotDotAfterASymlinkGoesToTheTargetsParentAsTheKernelDoes() {
    // /lib -> usr/lib, so /lib/.. is /usr
    assertThat(fs.resolve("/lib/../bin/dash")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
  }

  @Test
  void dotDotNeverClimbsAboveTheRoot() {
    assertThat(fs.resolve("/etc/escape")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
    assertThat(fs.resolve("/../../usr/bin/dash")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
    assertThat(fs.resolve("/")).get().extracting(FileEntry::path).isEqualTo("/");
  }

  @Test
  void getDoesNotFollowTheLastSymlink() {
    assertThat(fs.get("/bin")).get().extracting(FileEntry::type, e -> e.linkTarget().orElseThrow())
        .containsExactly(FileType.SYMLINK, "usr/bin");
    // get() does not follow symlinks in the middle either: /bin/dash is only reachable through resolve()
    assertThat(fs.get("/bin/dash")).isEmpty();
    assertThat(fs.exists("/bin/dash")).isTrue();
  }

  @Test
  void aDanglingOrEmptySymlinkLeadsNowhere() {
    assertThat(fs.get("/dangling")).isPresent();
    assertThat(fs.resolve("/dangling")).isEmpty();
    assertThat(fs.exists("/dangling")).isFalse();
    assertThat(fs.resolve("/empty")).isEmpty();
    assertThat(fs.exists("/no/such/path")).isFalse();
  }

  @Test
  void aPathThroughARegularFileLeadsNowhere() {
    assertThat(fs.resolve("/usr/bin/dash/x")).isEmpty();
    assertThat(fs.resolve("/bin/sh/x")).isEmpty();
  }

  @Test
  void aSymlinkLoopIsAnErrorNamingTheImageAndThePath() {
    assertThatThrownBy(() -> fs.resolve("/loop/a")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": cannot resolve /loop/a: too many levels of symbolic links "
            + "(a symlink loop at /loop/a -> b)");
    assertThatThrownBy(() -> fs.exists("/loop/b/file")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": cannot resolve /loop/b/file: too many levels of symbolic links "
            + "(a symlink loop at /loop/b -> a)");
    assertThatThrownBy(() -> fs.resolve("/self")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": cannot resolve /self: too many levels of symbolic links "
            + "(a symlink loop at /self -> self)");
    assertThatThrownBy(() -> fs.readString("/deep")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": cannot resolve /deep: too many levels of symbolic links "
            + "(a symlink loop at /deep -> /deep/down)");
  }

  @Test
  void aLoopElsewhereDoesNotDisturbOtherLookups() {
    assertThat(fs.exists("/usr/bin/dash")).isTrue();
    assertThat(fs.get("/loop/a")).isPresent();
  }
}
