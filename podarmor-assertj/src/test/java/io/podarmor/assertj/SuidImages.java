package io.podarmor.assertj;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;

/** Images with and without setuid and setgid files. Hard links stay in their target's layer, as the engine needs. */
final class SuidImages {
  /** Every setuid or setgid bit cleared by a later layer, or its file deleted by a whiteout or opaque directory. */
  static final TestImage CLEAN = TestImage.named(SourceImages.PREFIX + "suid-clean:1")
      .layer(Layer.create()
          .dir("/usr", 0755).dir("/usr/bin", 0755).dir("/usr/lib", 0755).dir("/usr/lib/openssh", 0755)
          .file("/usr/bin/passwd", "passwd", 04755)
          .file("/usr/bin/su", "su", 04755)
          .file("/usr/bin/chage", "chage", 02755)
          .file("/usr/lib/openssh/ssh-keysign", "ssh-keysign", 04755)
          .dir("/var", 0755).dir("/var/mail", 02775)
          .dir("/tmp", 01777))
      .layer(Layer.create()
          .file("/usr/bin/passwd", "passwd", 0755)
          .file("/usr/bin/chage", "chage", 0755)
          .whiteout("/usr/bin/su")
          .opaque("/usr/lib/openssh")
          .file("/usr/lib/openssh/sftp-server", "sftp-server", 0755));

  /** Setuid and setgid files, a hard link among them, beside others cleared or deleted by the second layer. */
  static final TestImage SUID = TestImage.named(SourceImages.PREFIX + "suid:1")
      .layer(Layer.create()
          .dir("/usr", 0755).dir("/usr/bin", 0755)
          .file("/usr/bin/passwd", "passwd", 04755)
          .hardlink("/usr/bin/passwd-hl", "/usr/bin/passwd")
          .file("/usr/bin/mount", "mount", 04755)
          .file("/usr/bin/umount", "umount", 04755)
          .owner(0, 5).file("/usr/bin/wall", "wall", 02755))
      .layer(Layer.create()
          .file("/usr/bin/umount", "umount", 0755)
          .whiteout("/usr/bin/mount")
          .dir("/opt", 0755).dir("/opt/app", 0755)
          .owner(1000, 1000).file("/opt/app/helper", "helper", 04750));

  /** Debian's merged /usr: /bin links to usr/bin, where the setuid programs are. */
  static final TestImage MERGED_USR = TestImage.named(SourceImages.PREFIX + "suid-merged-usr:1")
      .layer(Layer.create()
          .dir("/usr", 0755).dir("/usr/bin", 0755)
          .symlink("/bin", "usr/bin")
          .file("/usr/bin/passwd", "passwd", 04755)
          .file("/usr/bin/su", "su", 04755)
          .file("/usr/bin/newgrp", "newgrp", 04755));

  private SuidImages() {}

  /** The evidence lines {@link #SUID} fails with, sorted by path. */
  static String[] suidEvidence() {
    return new String[] {
        "-rwsr-x--- 1000:1000 /opt/app/helper from " + SourceImages.layer(SUID, 2),
        "-rwsr-xr-x 0:0 /usr/bin/passwd from " + SourceImages.layer(SUID, 1),
        "-rwsr-xr-x 0:0 /usr/bin/passwd-hl (hard link to /usr/bin/passwd) from " + SourceImages.layer(SUID, 1),
        "-rwxr-sr-x 0:5 /usr/bin/wall from " + SourceImages.layer(SUID, 1)};
  }
}
