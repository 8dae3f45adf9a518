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
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

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
  /** Group member lists: the user among others, at either end, beside empty names. */
  private static final List<String> MEMBERS = List.of("app", "root,app", "app,root", ",app", "app,", "app ,x",
      "nonroot,App", "app,app");
  private static final List<String> PADS = List.of("", "", "", " ", "\t", "\u00a0", "\u2003", "\r", "\u0085");

  @Property
  @StatisticsReport(format = Histogram.class)
  void resolves_users_as_runc_does(@ForAll("files") byte[][] files, @ForAll("specs") String spec) {
    compare(spec, files[0], files[1]);
  }

  /** Group files whose member lists name the user in every way runc matches, or nearly does. */
  @Property
  @StatisticsReport(format = Histogram.class)
  void finds_supplementary_groups_as_runc_does(@ForAll("memberships") byte[][] files,
      @ForAll("membershipSpecs") String spec) {
    compare(spec, files[0], files[1]);
  }

  @Provide
  Arbitrary<byte[][]> memberships() {
    Arbitrary<String> passwdLine = Arbitraries.of("app:x:1000:100::/:/bin/sh", "root:x:0:0::/:/bin/sh",
        "nonroot:x:65532:65532::/:/bin/sh", "app:x:2000:2000::/:/bin/sh", " app:x:3000:3000::/:/bin/sh",
        "#app:x:4000:4000::/:/bin/sh");
    Arbitrary<String> groupLine = Combinators.combine(Arbitraries.of(PADS),
        Arbitraries.of("staff", "tools", "app", "root", "#tools"),
        Arbitraries.of("50", "1000", "007", "-1", "x", "4294967296", "", "2147483648"),
        Arbitraries.oneOf(Arbitraries.of(MEMBERS), Arbitraries.of("", "daemon", "App", "app\u00a0", "root,nonroot")),
        Arbitraries.of(PADS)).as((pre, name, gid, members, post) -> pre + name + ":x:" + gid + ":" + members + post);
    Arbitrary<byte[]> passwd = passwdLine.list().ofMinSize(1).ofMaxSize(4)
        .map(lines -> (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> group = groupLine.list().ofMaxSize(6)
        .map(lines -> (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)).injectNull(0.1);
    return Combinators.combine(passwd, group).as((p, g) -> new byte[][] {p, g});
  }

  @Provide
  Arbitrary<String> membershipSpecs() {
    return Arbitraries.of("app", "1000", "2000", "3000", "nonroot", "root", "0", "app:staff", "app:", "1000:50",
        "65532", "4000");
  }

  private static void compare(String spec, byte[] passwd, byte[] group) {
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
      List<Long> sgids = new ArrayList<>();
      runc.get("sgids32").forEach(g -> sgids.add(g.asLong()));
      assertThat(ours.groups()).as(context + ": supplementary groups").isEqualTo(sgids);
      Statistics.label("supplementary groups").collect(!sgids.isEmpty());
    } else if (ours.isResolved()) {
      assertThat(ours.uid()).as(context).isEqualTo(uid32);
      assertThat(ours.gid()).as(context).isEqualTo(gid32);
    }
  }

  @Provide
  Arbitrary<byte[][]> files() {
    Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.of(NUMBERS),
        Arbitraries.strings().withChars("ax0:9 +-,").ofMaxLength(6), Arbitraries.of(MEMBERS));
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
