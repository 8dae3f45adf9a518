package io.podarmor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeProfileTest {

  @Test
  void defaultIsTheImageAsItIsWithoutNetwork() {
    RuntimeProfile p = RuntimeProfile.DEFAULT;

    assertThat(p.name()).isEqualTo("default");
    assertThat(p.readOnlyRootFilesystem()).isFalse();
    assertThat(p.tmpfs()).isEmpty();
    assertThat(p.droppedCapabilities()).isEmpty();
    assertThat(p.noNewPrivileges()).isFalse();
    assertThat(p.networkMode()).isEqualTo("none");
    assertThat(p.keepAlive()).isEmpty();
    assertThat(p).hasToString("default (network none)");
  }

  @Test
  void restrictedIsReadOnlyWithTmpWithoutCapabilitiesOrNetwork() {
    RuntimeProfile p = RuntimeProfile.RESTRICTED;

    assertThat(p.readOnlyRootFilesystem()).isTrue();
    assertThat(p.tmpfs()).isEqualTo(Map.of("/tmp", "rw,nosuid,nodev,size=64m"));
    assertThat(p.droppedCapabilities()).containsExactly("ALL");
    assertThat(p.noNewPrivileges()).isTrue();
    assertThat(p.networkMode()).isEqualTo("none");
    assertThat(p).hasToString("restricted (read-only root filesystem, tmpfs /tmp, cap-drop ALL, no-new-privileges,"
        + " network none)");
  }

  @Test
  void keepAliveAndNetworkMakeNewEqualValues() {
    RuntimeProfile a = RuntimeProfile.RESTRICTED.withKeepAlive("/app", "serve");
    RuntimeProfile b = RuntimeProfile.RESTRICTED.withKeepAlive("/app", "serve");

    assertThat(a.keepAlive()).contains(List.of("/app", "serve"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(RuntimeProfile.RESTRICTED);
    assertThat(RuntimeProfile.RESTRICTED.keepAlive()).isEmpty();
    assertThat(a.description()).endsWith("network none, keep-alive /app serve");
    assertThat(RuntimeProfile.DEFAULT.withNetworkMode("bridge").networkMode()).isEqualTo("bridge");
    assertThat(RuntimeProfile.DEFAULT.withNetworkMode("bridge")).isNotEqualTo(RuntimeProfile.DEFAULT);
  }

  @Test
  void customProfilesNormalizeCapabilityNames() {
    RuntimeProfile p = RuntimeProfile.builder("no-raw").dropCapabilities("cap_net_raw", "SYS_ADMIN").build();

    assertThat(p.droppedCapabilities()).containsExactly("NET_RAW", "SYS_ADMIN");
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void rejectsBadInputNamingWhatWasExpected() {
    assertThatThrownBy(() -> RuntimeProfile.DEFAULT.withKeepAlive())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A keep-alive command needs at least a program, e.g. \"/app\", \"serve\"");
    assertThatThrownBy(() -> RuntimeProfile.builder(" "))
        .hasMessage("A runtime profile needs a name, e.g. \"restricted\"");
    assertThatThrownBy(() -> RuntimeProfile.builder("x").tmpfs("tmp", ""))
        .hasMessage("A tmpfs mount needs an absolute path, but got tmp");
    assertThatThrownBy(() -> RuntimeProfile.DEFAULT.withNetworkMode(""))
        .hasMessage("A network mode is required, e.g. \"none\" or \"bridge\"");
  }
}
