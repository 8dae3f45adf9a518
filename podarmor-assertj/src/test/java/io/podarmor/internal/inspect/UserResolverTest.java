package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ImageFilesystem;
import io.podarmor.testing.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserResolverTest {
  private static final String PASSWD = String.join("\n",
      "# a comment",
      "root:x:0:0:root:/root:/bin/sh",
      "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
      "broken line",
      "app:x:1000:100::/home/app:/sbin/nologin",
      "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin",
      "app:x:2000:2000:a second app, ignored:/:/sbin/nologin",
      "");
  private static final String GROUP = String.join("\n",
      "root:x:0:",
      "users:x:100:",
      "staff:x:50:app",
      "nonroot:x:65532:",
      "");

  private static final ImageFilesystem WITH_FILES = Filesystems.of(Layer.create()
      .file("/etc/passwd", PASSWD, 0644)
      .file("/etc/group", GROUP, 0644));
  private static final ImageFilesystem WITHOUT_FILES = Filesystems.of(Layer.create().file("/app", "x", 0755));

  @ParameterizedTest(name = "User \"{0}\" -> {1}:{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      // runc skips no comment: "# a comment" is a record with uid 0 and gid 0, the first for uid 0
      "'' | 0 | 0 | User not set: uid 0 (root), gid 0 (primary group in /etc/passwd, line 1 has no gid field: the "
          + "engine reads it as 0)",
      "0 | 0 | 0 | User \"0\": uid 0, gid 0 (primary group in /etc/passwd, line 1 has no gid field: the engine "
          + "reads it as 0)",
      "0:0 | 0 | 0 | User \"0:0\": uid 0, gid 0",
      "root | 0 | 0 | User \"root\": uid 0 (root in /etc/passwd), gid 0 (primary group in /etc/passwd)",
      "root:root | 0 | 0 | User \"root:root\": uid 0 (root in /etc/passwd), gid 0 (root in /etc/group)",
      "65532 | 65532 | 65532 | User \"65532\": uid 65532, gid 65532 (primary group in /etc/passwd)",
      "65532:65532 | 65532 | 65532 | User \"65532:65532\": uid 65532, gid 65532",
      "nonroot | 65532 | 65532 | User \"nonroot\": uid 65532 (nonroot in /etc/passwd), "
          + "gid 65532 (primary group in /etc/passwd)",
      "app | 1000 | 100 | User \"app\": uid 1000 (app in /etc/passwd), gid 100 (primary group in /etc/passwd)",
      "app:staff | 1000 | 50 | User \"app:staff\": uid 1000 (app in /etc/passwd), gid 50 (staff in /etc/group)",
      "app:7 | 1000 | 7 | User \"app:7\": uid 1000 (app in /etc/passwd), gid 7",
      "4242 | 4242 | 0 | User \"4242\": uid 4242, gid 0 (no /etc/passwd entry for uid 4242)",
      "4242: | 4242 | 0 | User \"4242:\": uid 4242, gid 0 (no /etc/passwd entry for uid 4242)",
      "2147483647:1 | 2147483647 | 1 | User \"2147483647:1\": uid 2147483647, gid 1",
  })
  void resolves_like_the_engine(String user, long uid, long gid, String description) {
    // WHEN
    UserResolution resolution = UserResolver.resolve(user, WITH_FILES);
    // THEN
    assertThat(resolution.isResolved()).isTrue();
    assertThat(resolution.uid()).isEqualTo(uid);
    assertThat(resolution.gid()).isEqualTo(gid);
    assertThat(resolution.description()).isEqualTo(description);
  }

  @ParameterizedTest(name = "User \"{0}\" cannot be resolved")
  @CsvSource(delimiter = '|', value = {
      "ghost | User \"ghost\": no user ghost in /etc/passwd",
      "nonroot:ghosts | User \"nonroot:ghosts\": no group ghosts in /etc/group",
      "Nonroot | User \"Nonroot\": no user Nonroot in /etc/passwd",
      "-1 | User \"-1\": uid -1 is out of range 0-2147483647",
      "2147483648 | User \"2147483648\": uid 2147483648 is out of range 0-2147483647",
      "0:99999999999 | User \"0:99999999999\": gid 99999999999 is out of range 0-2147483647",
  })
  void fails_closed_on_what_the_engine_would_refuse(String user, String reason) {
    // WHEN
    UserResolution resolution = UserResolver.resolve(user, WITH_FILES);
    // THEN
    assertThat(resolution.isResolved()).isFalse();
    assertThat(resolution.reason()).isEqualTo(reason);
  }

  @Test
  void a_name_needs_etc_passwd() {
    // WHEN
    UserResolution resolution = UserResolver.resolve("nonroot", WITHOUT_FILES);
    // THEN
    assertThat(resolution.reason())
        .isEqualTo("User \"nonroot\" names a user, but the image has no /etc/passwd to resolve it");
  }

  @Test
  void a_group_name_needs_etc_group() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(Layer.create().file("/etc/passwd", PASSWD, 0644));
    // WHEN
    UserResolution resolution = UserResolver.resolve("nonroot:nonroot", fs);
    // THEN
    assertThat(resolution.reason())
        .isEqualTo("User \"nonroot:nonroot\" names a group, but the image has no /etc/group to resolve it");
  }

  @ParameterizedTest(name = "User \"{0}\" without /etc/passwd")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "'' | 0 | 0 | User not set: uid 0 (root), gid 0 (no /etc/passwd)",
      "65532 | 65532 | 0 | User \"65532\": uid 65532, gid 0 (no /etc/passwd)",
      "65532:65532 | 65532 | 65532 | User \"65532:65532\": uid 65532, gid 65532",
  })
  void numeric_users_need_no_etc_passwd(String user, long uid, long gid, String description) {
    // WHEN
    UserResolution resolution = UserResolver.resolve(user, WITHOUT_FILES);
    // THEN
    assertThat(resolution.uid()).isEqualTo(uid);
    assertThat(resolution.gid()).isEqualTo(gid);
    assertThat(resolution.description()).isEqualTo(description);
  }

  @Test
  void reads_etc_passwd_as_the_last_layer_to_write_it_left_it() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(
        Layer.create().file("/etc/passwd", "app:x:1:1::/:/bin/sh\n", 0644),
        Layer.create().file("/etc/passwd", "app:x:1001:1002::/:/bin/sh\n", 0644));
    // WHEN
    UserResolution resolution = UserResolver.resolve("app", fs);
    // THEN
    assertThat(resolution.uid()).isEqualTo(1001);
    assertThat(resolution.gid()).isEqualTo(1002);
  }

  @Test
  void an_etc_passwd_symlinked_elsewhere_cannot_decide_as_its_content_is_not_kept() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(Layer.create()
        .file("/usr/share/base-passwd/passwd", "app:x:1001:1002::/:/bin/sh\n", 0644)
        .symlink("/etc/passwd", "../usr/share/base-passwd/passwd"));
    // WHEN
    UserResolution resolution = UserResolver.resolve("app", fs);
    // THEN
    assertThat(resolution.reason()).startsWith("User \"app\": cannot read /etc/passwd (test image: the content of "
        + "/etc/passwd was not retained; PodArmor keeps only /etc/passwd, ");
  }

  @Test
  void an_etc_passwd_that_is_not_a_file_cannot_decide() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(Layer.create().dir("/etc/passwd", 0755));
    // WHEN
    UserResolution resolution = UserResolver.resolve("app", fs);
    // THEN
    assertThat(resolution.reason())
        .isEqualTo("User \"app\": cannot read /etc/passwd "
            + "(test image: /etc/passwd is not a regular file (drwxr-xr-x))");
  }
}
