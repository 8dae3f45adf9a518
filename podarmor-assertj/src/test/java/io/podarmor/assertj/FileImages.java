package io.podarmor.assertj;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;

/** Files, directories, symlinks (to files, to directories, dangling, looping) and a file a later layer deleted. */
final class FileImages {
  static final TestImage FILES = TestImage.named(SourceImages.PREFIX + "files:1")
      .layer(Layer.create()
          .dir("/etc", 0755)
          .file("/etc/app.conf", "port=8080", 0644)
          .symlink("/etc/app.link", "app.conf")
          .symlink("/etc/dangling", "/nowhere")
          .symlink("/etc/loop", "loop")
          .file("/etc/secret.key", "secret", 0600)
          .dir("/usr", 0755).dir("/usr/lib", 0755)
          .file("/usr/lib/libc.so.6", "libc", 0755)
          .symlink("/lib", "usr/lib")
          .dir("/opt", 0755).dir("/opt/data", 0755)
          .file("/opt/data/old.db", "old", 0644))
      .layer(Layer.create()
          .whiteout("/etc/secret.key")
          .opaque("/opt/data"));

  private FileImages() {}
}
