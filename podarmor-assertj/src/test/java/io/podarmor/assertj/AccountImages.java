package io.podarmor.assertj;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;

/** Test images with clean and broken /etc/passwd, /etc/group and /etc/shadow. */
final class AccountImages {
  static final TestImage CLEAN = TestImage.named(SourceImages.PREFIX + "packages-accounts-clean:1")
      .layer(Layer.create()
          .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
              + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
              + "app:x:1000:1000::/home/app:/sbin/nologin\n", 0644)
          .file("/etc/group", "root:x:0:\nnogroup:x:65534:\napp:x:1000:\n", 0644)
          .file("/etc/shadow", "root:*:19000:0:99999:7:::\nnobody:!:19000::::::\napp:!!:19000::::::\n", 0640));

  /** Empty password fields in /etc/passwd (guest) and /etc/shadow (root); admin has a real hash. */
  static final TestImage EMPTY_PASSWORDS = TestImage.named(SourceImages.PREFIX + "packages-accounts-empty:1")
      .layer(Layer.create()
          .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
              + "admin:x:1000:1000::/home/admin:/bin/sh\n"
              + "guest::1001:1001::/home/guest:/bin/sh\n", 0644)
          .file("/etc/shadow", "root::19000:0:99999:7:::\n"
              + "admin:$6$rounds=5000$saltsalt$Zm9vYmFyYmF6cXV4:19000:0:99999:7:::\n", 0640));

  /** No /etc/shadow at all; the passwd field of app is empty. */
  static final TestImage PASSWD_ONLY = TestImage.named(SourceImages.PREFIX + "packages-accounts-passwd-only:1")
      .layer(Layer.create()
          .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\napp::1000:1000::/home/app:/bin/sh\n", 0644));

  /** uid 0 twice, user name app twice, gid 10 twice, group name staff twice. */
  static final TestImage DUPLICATES = TestImage.named(SourceImages.PREFIX + "packages-accounts-dups:1")
      .layer(Layer.create()
          .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
              + "toor:x:0:0:root again:/root:/bin/sh\n"
              + "app:x:1000:1000::/home/app:/sbin/nologin\n"
              + "app:x:1001:1001::/home/app2:/sbin/nologin\n", 0644)
          .file("/etc/group", "root:x:0:\nwheel:x:10:root\nadmin:x:10:\nstaff:x:50:\nstaff:x:51:\n", 0644));

  /** No account files at all. */
  static final TestImage NO_ACCOUNTS = TestImage.named(SourceImages.PREFIX + "packages-accounts-none:1")
      .layer(Layer.create().file("/app", "app", 0755));

  /** /etc/passwd is a directory: nothing can be read from it. */
  static final TestImage UNREADABLE = TestImage.named(SourceImages.PREFIX + "packages-accounts-unreadable:1")
      .layer(Layer.create().dir("/etc/passwd", 0755).dir("/etc/group", 0755));

  private AccountImages() {}
}
