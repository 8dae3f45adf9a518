package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.testing.Layer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SuidFinderTest {

  @Test
  void finds_setuid_and_setgid_regular_files_and_hard_links_sorted_by_path_with_their_layer() {
    // GIVEN
    Layer base = Layer.create()
        .dir("/usr/bin", 0755)
        .file("/usr/bin/passwd", "passwd", 04755)
        .hardlink("/usr/bin/passwd-link", "/usr/bin/passwd")
        .owner(0, 5).file("/usr/bin/wall", "wall", 02755)
        .owner(0, 0).file("/usr/bin/both", "both", 06711)
        .file("/usr/bin/noexec", "S bit without x", 04644)
        .dir("/var/mail", 02775)
        .dir("/tmp", 01777)
        .symlink("/usr/bin/link-to-passwd", "passwd");
    Layer later = Layer.create().owner(1000, 1000).file("/opt/tool", "tool", 04750);
    ImageFilesystem fs = Filesystems.of(base, later);
    // WHEN
    List<String> found = SuidFinder.find(fs).stream().map(Evidence::of).collect(Collectors.toList());
    // THEN
    assertThat(found).containsExactly(
        "-rwsr-x--- 1000:1000 /opt/tool from " + Filesystems.layer(2, later),
        "-rws--s--x 0:0 /usr/bin/both from " + Filesystems.layer(1, base),
        "-rwSr--r-- 0:0 /usr/bin/noexec from " + Filesystems.layer(1, base),
        "-rwsr-xr-x 0:0 /usr/bin/passwd from " + Filesystems.layer(1, base),
        "-rwsr-xr-x 0:0 /usr/bin/passwd-link (hard link to /usr/bin/passwd) from " + Filesystems.layer(1, base),
        "-rwxr-sr-x 0:5 /usr/bin/wall from " + Filesystems.layer(1, base));
  }

  @Test
  void a_bit_cleared_by_a_later_layer_or_a_file_deleted_by_a_whiteout_or_opaque_directory_does_not_count() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(
        Layer.create()
            .file("/usr/bin/passwd", "passwd", 04755)
            .file("/usr/bin/su", "su", 04755)
            .file("/usr/lib/openssh/ssh-keysign", "keysign", 04755)
            .file("/usr/bin/chage", "chage", 02755),
        Layer.create()
            .file("/usr/bin/passwd", "passwd", 0755)
            .whiteout("/usr/bin/su")
            .opaque("/usr/lib/openssh")
            .file("/usr/lib/openssh/sftp-server", "sftp", 0755),
        Layer.create()
            .file("/usr/bin/chage", "chage", 0755));
    // WHEN
    List<FileEntry> found = SuidFinder.find(fs);
    // THEN
    assertThat(found).isEmpty();
  }

  @Test
  void a_hard_link_keeps_the_bit_when_a_later_layer_clears_it_on_its_target() {
    // GIVEN: copy-up breaks the link, as overlayfs does
    Layer base = Layer.create()
        .file("/usr/bin/passwd", "passwd", 04755)
        .hardlink("/usr/bin/passwd2", "/usr/bin/passwd");
    ImageFilesystem fs = Filesystems.of(base, Layer.create().file("/usr/bin/passwd", "passwd", 0755));
    // WHEN
    List<String> found = SuidFinder.find(fs).stream().map(Evidence::of).collect(Collectors.toList());
    // THEN
    assertThat(found).containsExactly(
        "-rwsr-xr-x 0:0 /usr/bin/passwd2 (hard link to /usr/bin/passwd) from " + Filesystems.layer(1, base));
  }
}
