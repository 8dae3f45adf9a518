package io.podarmor.assertj;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;

/** Images that differ only in their {@code User}, over the same {@code /etc/passwd} and {@code /etc/group}. */
final class UserImages {
  private static final Layer ACCOUNTS = Layer.create()
      .dir("/etc", 0755)
      .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
          + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n", 0644)
      .file("/etc/group", "root:x:0:\nnonroot:x:65532:\n", 0644);

  static final TestImage UNSET = image("unset", null);
  static final TestImage EMPTY = image("empty", "");
  static final TestImage ZERO = image("zero", "0");
  static final TestImage ZERO_ZERO = image("zero-zero", "0:0");
  static final TestImage ROOT_ROOT = image("root-root", "root:root");
  static final TestImage UID_65532 = image("uid-65532", "65532");
  static final TestImage UID_GID_65532 = image("uid-gid-65532", "65532:65532");
  static final TestImage NONROOT = image("nonroot", "nonroot");
  static final TestImage UID_4242 = image("uid-4242", "4242");
  static final TestImage GHOST = image("ghost", "ghost");
  static final TestImage NO_PASSWD = TestImage.named(SourceImages.PREFIX + "user-no-passwd:1").user("nonroot")
      .layer(Layer.create().file("/app", "app", 0755));

  static final TestImage[] ALL = {
      UNSET, EMPTY, ZERO, ZERO_ZERO, ROOT_ROOT, UID_65532, UID_GID_65532, NONROOT, UID_4242, GHOST, NO_PASSWD};

  private UserImages() {}

  private static TestImage image(String name, String user) {
    return TestImage.named(SourceImages.PREFIX + "user-" + name + ":1").user(user).layer(ACCOUNTS);
  }
}
