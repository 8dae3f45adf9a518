package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.inspect.Filesystems;
import io.podarmor.testing.Layer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApkConfigTest {
  @Test
  void reads_each_line_as_apk_reads_a_long_option() {
    Layer layer = Layer.create().file("/etc/apk/config", "allow-untrusted  \n allow-untrusted\nallow-untrustedx\n"
        + "allow-untrusted yes\nrepositories-file\nrepositories-file /opt/repos # a mirror\n#keys-dir /opt/keys\n", 0644);
    String layerName = Filesystems.layer(1, layer);
    assertThat(ApkConfig.find(Filesystems.of(layer), Map.of())).containsExactly(
        "/etc/apk/config:1: allow-untrusted (from " + layerName + "): apk installs packages without a trusted signature",
        "/etc/apk/config:4: allow-untrusted yes (from " + layerName + "): apk installs packages without a trusted "
            + "signature",
        "/etc/apk/config:6: repositories-file /opt/repos (from " + layerName + "): apk reads its repositories from "
            + "there, so not verified");
  }

  @Test
  void a_dangling_etc_config_leaves_apk_to_read_the_one_in_lib_and_apk_config_is_not_verified() {
    Layer layer = Layer.create().symlink("/etc/apk/config", "/nowhere").file("/lib/apk/config", "allow-untrusted\n",
        0644);
    assertThat(ApkConfig.find(Filesystems.of(layer), Map.of("APK_CONFIG", "/opt/apk.conf"))).containsExactly(
        "ENV APK_CONFIG=/opt/apk.conf: apk reads its options from there, so not verified",
        "/lib/apk/config:1: allow-untrusted (from " + Filesystems.layer(1, layer) + "): apk installs packages without "
            + "a trusted signature");
  }
}
