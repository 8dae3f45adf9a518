package io.podarmor.assertj;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;

/** Images with and without files and directories everyone may write. */
final class WorldWritableImages {
  /**
   * Sticky /tmp and /var/tmp with anything below them, a sticky shared directory, a symlink and a device (0777 and
   * 0666, which do not count), and a world-writable file a later layer made private.
   */
  static final TestImage CLEAN = TestImage.named(SourceImages.PREFIX + "world-writable-clean:1")
      .layer(Layer.create()
          .dir("/tmp", 01777).dir("/tmp/cache", 0777).file("/tmp/cache/state", "x", 0666)
          .dir("/var", 0755).dir("/var/tmp", 01777).file("/var/tmp/lock", "", 0666)
          .dir("/srv", 0755).dir("/srv/shared", 01777)
          .dir("/etc", 0755).file("/etc/app.conf", "port=8080", 0666)
          .symlink("/etc/localtime", "/usr/share/zoneinfo/UTC")
          .dir("/dev", 0755).charDevice("/dev/null", 0666))
      .layer(Layer.create().file("/etc/app.conf", "port=8080", 0644));

  /** A world-writable file, a world-writable directory and a /tmp without its sticky bit. */
  static final TestImage WRITABLE = TestImage.named(SourceImages.PREFIX + "world-writable:1")
      .layer(Layer.create()
          .dir("/tmp", 0777)
          .dir("/srv", 0755).dir("/srv/data", 0777)
          .dir("/etc", 0755).file("/etc/app.conf", "port=8080", 0644))
      .layer(Layer.create().owner(1000, 1000).file("/etc/app.conf", "port=8080", 0666));

  private WorldWritableImages() {}

  /** The evidence lines {@link #WRITABLE} fails with, sorted by path. */
  static String[] evidence() {
    return new String[] {
        "-rw-rw-rw- 1000:1000 /etc/app.conf from " + SourceImages.layer(WRITABLE, 2),
        "drwxrwxrwx 0:0 /srv/data from " + SourceImages.layer(WRITABLE, 1),
        "drwxrwxrwx 0:0 /tmp from " + SourceImages.layer(WRITABLE, 1)};
  }
}
