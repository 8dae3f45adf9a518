package io.podarmor.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.testing.EngineOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes config decoding against the engine's (Go's {@code encoding/json} into docker's structs): configs whose keys
 * vary in case, repeat, fold ({@code ſ}, the Kelvin sign) and hold values of every JSON type. The promise: a config
 * PodArmor reads, the engine reads to the same {@code User}, {@code Cmd}, {@code Entrypoint}, {@code Env},
 * {@code Healthcheck} test and diff IDs; a config PodArmor refuses, the engine refuses too, or it is one whose meaning
 * depends on key order (two keys for one field), which PodArmor refuses to guess. Never another exception.
 */
class ConfigFuzz {
  private static final String DIFF = "\"sha256:" + "a".repeat(64) + "\"";

  @Property
  void reads_configs_as_the_engine_does(@ForAll("configs") String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    JsonNode engine = EngineOracle.shared().config(bytes);
    ParsedConfig ours;
    try {
      ours = ParsedConfig.parse(bytes, "fuzzed config");
    } catch (ImageException e) {
      assertThat(engine.has("err") || e.getMessage().contains("has both") || e.getMessage().contains("twice")
          || e.getMessage().contains("rootfs"))
          .as("PodArmor refused %s (%s) but the engine reads it: %s", json, e.getMessage(), engine).isTrue();
      return;
    }
    assertThat(engine.has("err")).as("PodArmor read %s but the engine refuses it: %s", json, engine).isFalse();
    ImageConfig c = ours.config;
    String context = json + " -> engine " + engine;
    assertThat(c.user()).as(context).isEqualTo(engine.path("user").asText(""));
    assertThat(c.cmd()).as(context).isEqualTo(orEmpty(strings(engine.get("cmd"))));
    assertThat(c.entrypoint()).as(context).isEqualTo(orEmpty(strings(engine.get("entrypoint"))));
    assertThat(c.healthcheck().map(h -> h.test()).orElse(null)).as(context)
        .isEqualTo(engine.has("healthcheck") ? orEmpty(strings(engine.get("healthcheck"))) : null);
    assertThat(ours.diffIds).as(context).isEqualTo(strings(engine.get("diffIds")));
  }

  @Provide
  Arbitrary<String> configs() {
    Arbitrary<String> value = Arbitraries.of("\"0\"", "\"65532\"", "\"app\"", "65532", "null", "true", "[]",
        "[\"/bin/sh\",\"-c\"]", "\"/app\"", "{}", "[1]", "[null]", "\"\"");
    Arbitrary<String> configKey = Arbitraries.of("User", "user", "USER", "u\u017fer", "Cmd", "cmd", "Entrypoint",
        "entrypoint", "Env", "Healthcheck", "healthcheck", "Labels", "WorkingDir", "Unknown");
    Arbitrary<String> member = Combinators.combine(configKey, value).as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> healthcheck = Combinators.combine(Arbitraries.of("Test", "test", "TEST", "Interval"),
        Arbitraries.of("[\"CMD\",\"/x\"]", "[\"NONE\"]", "\"NONE\"", "5", "null"))
        .as((k, v) -> "\"Healthcheck\":{\"" + k + "\":" + v + "}");
    Arbitrary<String> configBody = Arbitraries.oneOf(member, member, healthcheck).list().ofMaxSize(5)
        .map(m -> "{" + String.join(",", m) + "}");
    Arbitrary<String> topKey = Arbitraries.of("config", "Config", "CONFIG", "con\u212aig", "container_config");
    Arbitrary<String> top = Combinators.combine(topKey, Arbitraries.oneOf(configBody, Arbitraries.of("null", "5")))
        .as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> rootfs = Arbitraries.of("\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + DIFF + "]}",
        "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}", "\"RootFS\":{\"Diff_IDs\":[" + DIFF + "]}",
        "\"rootfs\":{\"diff_ids\":[" + DIFF + "],\"diff_ids\":[]}", "\"rootfs\":null");
    return Combinators.combine(top.list().ofMaxSize(3), rootfs).as((tops, r) -> {
      List<String> members = new ArrayList<>(tops);
      members.add("\"architecture\":\"amd64\"");
      members.add("\"os\":\"linux\"");
      members.add(r);
      return "{" + String.join(",", members) + "}";
    });
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || array.isNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
