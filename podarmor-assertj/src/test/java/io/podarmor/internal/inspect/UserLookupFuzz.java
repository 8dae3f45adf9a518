package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.source.LayerNeeds;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.LayerReader;
import io.podarmor.testing.EngineOracle;
import io.podarmor.testing.RawTar;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the user lookup against runc's own ({@code GetExecUser}, then the engine's 32-bit conversion), on
 * {@code /etc/passwd}, {@code /etc/group} and {@code User} values built from the pieces that make parsers disagree:
 * signs, leading zeros, numbers beyond 32 and 64 bits, fields missing, white space of every kind around lines,
 * comments, repeated names. The promise: where the engine resolves the user, PodArmor resolves it to the same uid
 * and gid, or cannot decide for an id outside 0-2147483647 whose low 32 bits are not 0; where the engine refuses,
 * PodArmor cannot decide. Never a non-root answer where the engine runs the container as root.
 */
class UserLookupFuzz {
  private static final List<String> NAMES = List.of("app", "root", "nonroot", "#c", "app ", "ap", "App", "\u017fys",
      "", "app\u00a0");
  private static final List<String> NUMBERS = List.of("0", "65532", "+0", "-0", "-1", "007", " 5", "5 ", "4294967296",
      "4294967297", "2147483648", "99999999999999999999", "-9223372036854775809", "abc", "", "1_000", "+", "12x");
  private static final List<String> PADS = List.of("", "", "", " ", "\t", "\u00a0", "\u2003", "\r", "\u0085");

  @Property
  void resolves_users_as_runc_does(@ForAll("files") byte[][] files, @ForAll("specs") String spec) {
    byte[] passwd = files[0];
    byte[] group = files[1];
    JsonNode runc = EngineOracle.shared().user(spec, passwd, group);
    UserResolution ours = UserResolver.resolve(spec, filesystem(passwd, group));
    String context = "User \"" + spec + "\", passwd " + show(passwd) + ", group " + show(group) + ": runc says "
        + runc + ", PodArmor " + ours;
    if (runc.has("err")) {
      assertThat(ours.isResolved()).as(context).isFalse();
      return;
    }
    long uid = runc.get("uid").asLong();
    long gid = runc.get("gid").asLong();
    long uid32 = runc.get("uid32").asLong();
    long gid32 = runc.get("gid32").asLong();
    boolean inRange = uid >= 0 && uid <= Integer.MAX_VALUE && gid >= 0 && gid <= Integer.MAX_VALUE;
    if (uid32 == 0) {
      assertThat(ours.isResolved() && ours.uid() == 0 || !ours.isResolved() && !inRange).as(context).isTrue();
    }
    if (inRange) {
      assertThat(ours.isResolved()).as(context).isTrue();
      assertThat(ours.uid()).as(context).isEqualTo(uid32);
      assertThat(ours.gid()).as(context).isEqualTo(gid32);
    } else if (ours.isResolved()) {
      assertThat(ours.uid()).as(context).isEqualTo(uid32);
      assertThat(ours.gid()).as(context).isEqualTo(gid32);
    }
  }

  @Provide
  Arbitrary<byte[][]> files() {
    Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.of(NUMBERS),
        Arbitraries.strings().withChars("ax0:9 +-").ofMaxLength(6));
    Arbitrary<String> line = Combinators.combine(Arbitraries.of(PADS), field.list().ofMinSize(1).ofMaxSize(8),
        Arbitraries.of(PADS)).as((pre, fields, post) -> pre + String.join(":", fields) + post);
    Arbitrary<byte[]> file = line.list().ofMaxSize(6).map(lines -> (String.join("\n", lines) + "\n")
        .getBytes(StandardCharsets.UTF_8)).injectNull(0.15);
    return Combinators.combine(file, file).as((p, g) -> new byte[][] {p, g});
  }

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> part = Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.of(NUMBERS));
    return Combinators.combine(part, part, Arbitraries.integers().between(0, 3)).as((u, g, form) -> switch (form) {
      case 0 -> u;
      case 1 -> u + ":" + g;
      case 2 -> u + ":" + g + ":" + u;
      default -> ":" + g;
    });
  }

  private static ImageFilesystem filesystem(byte[] passwd, byte[] group) {
    RawTar tar = RawTar.create().dir("etc", 0755);
    if (passwd != null) {
      tar.file("etc/passwd", passwd, 0644);
    }
    if (group != null) {
      tar.file("etc/group", group, 0644);
    }
    byte[] bytes = tar.end();
    return new FilesystemMerger("fuzzed image", LayerNeeds.PASS)
        .apply(LayerReader.read(new ByteArrayInputStream(bytes), "layer 1", LayerNeeds.PASS), 1, "sha256:0").build();
  }

  private static String show(byte[] file) {
    return file == null ? "(none)" : "\"" + new String(file, StandardCharsets.UTF_8).replace("\n", "\\n") + "\"";
  }
}
