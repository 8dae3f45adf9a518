package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.DockerCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.podarmor.internal.inspect.Filesystems;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TempDirs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes PodArmor's reading of apt's configuration against apt itself ({@code apt-config}, Debian's own parser, on
 * the machine running the tests): for generated {@code apt.conf.d} files (the option in any case, nested scopes,
 * quoted and bare values, comments of each kind, {@code #clear}, later files and lines overriding earlier ones),
 * {@code APT::Get::AllowUnauthenticated} must come out true for PodArmor exactly when apt reads it as true; and a file
 * must be read by PodArmor exactly when apt reads it, by its name.
 */
class AptConfigFuzz {
  private static final String OPTION = "APT::Get::AllowUnauthenticated";
  /** Stands for the directory apt's files are in: the temporary directory for apt, {@code /} for PodArmor. */
  private static final String ROOT = "@ROOT@";
  @Property(tries = 400)
  void an_option_is_true_for_podarmor_exactly_when_apt_reads_it_true(@ForAll("configs") List<String> files,
      @ForAll("configs") List<String> included) {
    Map<String, String> tree = new TreeMap<>(); // paths under the root, apt's order within each directory
    for (int i = 0; i < files.size(); i++) {
      tree.put("etc/apt/apt.conf.d/" + String.format("%02d", i), files.get(i));
    }
    for (int i = 0; i < included.size(); i++) {
      tree.put("etc/apt/inc/" + i, included.get(i));
    }
    Boolean apt = aptReadsTrue(tree);
    Assume.that(apt != null); // apt refuses a file with a syntax error: it installs nothing at all then
    Layer layer = Layer.create();
    tree.forEach((path, text) -> layer.file("/" + path, text.replace(ROOT, ""), 0644));
    List<String> found = AptConfig.find(Filesystems.of(layer), Map.of());
    boolean ours = found.stream().anyMatch(f -> f.contains(": " + OPTION + " \""));
    assertThat(ours).as("PodArmor reads %s as true, apt-config does not (or the reverse), in %s; PodArmor found %s",
        OPTION, tree, found).isEqualTo(apt);
  }

  /**
   * apt.conf.d files, or files they include: statements in each of apt's forms, the name and the value in pieces,
   * comments, {@code #clear} and {@code #include} (of files and the directory {@code inc/}, each spelled as apt reads
   * it). {@link #ROOT} stands for the directory the files are in.
   */
  @Provide
  Arbitrary<List<String>> configs() {
    Arbitrary<String> name = Arbitraries.of(OPTION, "apt::get::allowunauthenticated", "Apt::Get::AllowUnAuthenticated",
        "APT::Get::AllowUnauthenticate%64", "\"APT::Get::AllowUnauthenticated\"", "APT::Get::Allow\"Unauth\"enticated",
        "APT::Get::AllowUnauthenticated%00x", "APT::Get::AllowUnauthenticated::", "APT::Get:::AllowUnauthenticated");
    Arbitrary<String> value = Arbitraries.of("\"true\"", "true", "\"false\"", "\"1\"", "\"0x1\"", "\"on\"", "\"tru\"",
        "\"yes\"", "\"0\"", "\"with\"", "\"Enable\"", "\"\"", "\"tr\"\"ue\"", "tr\"ue\"", "%74rue", "\"%74rue\"",
        "\"tr\" \"ue\"", "\"true\"x", "\"true\" \"\"", "\" 1\"", "\"1 \"", "[true]", "\"a // b\"", "\"a # b\"");
    Arbitrary<String> include = Arbitraries.of("#include \"" + ROOT + "/etc/apt/inc/0\";",
        "#include " + ROOT + "/etc/apt/inc/1;", "\"#include\" \"" + ROOT + "/etc/apt/inc/2\";",
        "%23include " + ROOT + "/etc/apt/inc/0;", "#include \"" + ROOT + "/etc/apt/inc/\";",
        "#include \"" + ROOT + "/etc/apt/inc/\"\n;", "#includes \"" + ROOT + "/etc/apt/inc/0\";",
        "APT { #include \"" + ROOT + "/etc/apt/inc/0\"; };", "#Include \"" + ROOT + "/etc/apt/inc/0\";");
    Arbitrary<String> statement = Arbitraries.oneOf(
        name.flatMap(n -> value.map(v -> n + " " + v + ";")),
        value.map(v -> "APT { Get { AllowUnauthenticated " + v + "; }; };"),
        value.map(v -> "\"APT\" { \"Get\" { AllowUnauthenticated " + v + "; }; };"),
        value.map(v -> "AP%54::Get {\n  AllowUnauthenticated " + v + ";\n};"),
        value.map(v -> "APT { Get::AllowUnauthenticated " + v + "; };"),
        value.map(v -> "APT::Get::AllowUnauthenticated " + v + " { };"),
        value.map(v -> "\"\" { APT::Get::AllowUnauthenticated " + v + "; };"),
        value.map(v -> "// " + OPTION + " " + v + ";\n"),
        value.map(v -> "# " + OPTION + " " + v + ";\n"),
        value.map(v -> "/* " + OPTION + " " + v + "; */"),
        value.map(v -> "/* a\n" + OPTION + " " + v + ";\n*/"),
        value.map(v -> "X \"/*\"; " + OPTION + " " + v + "; // \"*/\""),
        value.map(v -> OPTION + " " + v + "; # a note\n"),
        value.map(v -> OPTION + " " + v + "; // a note\n"),
        value.map(v -> OPTION + "\t" + v + " ;"),
        value.map(v -> OPTION + "\n" + v + "\n;"),
        value.map(v -> "AP/* x */T::Get::AllowUnauthenticated " + v + ";"),
        include,
        Arbitraries.of("#clear APT;\n", "#clear APT::Get;\n", "#clear " + OPTION + ";\n", "#clear\nAPT;\n",
            "#clear apt::get;", "Foo::Bar \"x\";", "Acquire::Retries \"3\";",
            "DPkg::Post-Invoke { \"rm -f /x || true\"; };"));
    Arbitrary<String> file = Combinators.combine(statement.list().ofMinSize(1).ofMaxSize(5),
        Arbitraries.of(" ", "\n", "\n\n")).as((s, separator) -> String.join(separator, s) + "\n");
    return file.list().ofMinSize(1).ofMaxSize(3);
  }

  @Test
  void includes_are_followed_exactly_as_deep_as_apt_follows_them() {
    for (int depth = 8; depth <= 12; depth++) {
      Map<String, String> tree = new TreeMap<>();
      tree.put("etc/apt/apt.conf.d/00", "#include \"" + ROOT + "/etc/apt/inc/1\";\n");
      for (int i = 1; i < depth; i++) {
        tree.put("etc/apt/inc/" + i, "#include \"" + ROOT + "/etc/apt/inc/" + (i + 1) + "\";\n");
      }
      tree.put("etc/apt/inc/" + depth, OPTION + " \"true\";\n");
      Boolean apt = aptReadsTrue(tree);
      Layer layer = Layer.create();
      tree.forEach((path, text) -> layer.file("/" + path, text.replace(ROOT, ""), 0644));
      boolean ours = AptConfig.find(Filesystems.of(layer), Map.of()).stream()
          .anyMatch(f -> f.contains(": " + OPTION + " \""));
      assertThat(ours).as("an option %d includes deep: apt reads it as %s", depth, apt)
          .isEqualTo(Boolean.TRUE.equals(apt));
    }
  }

  @Test
  void a_file_is_read_by_podarmor_exactly_when_apt_reads_it() {
    for (String name : List.of("99x", "99x.conf", "x.y.conf", "99x.bar", "99x.dpkg-old", "99x.disabled", "99x~",
        "99x.", ".99x", ".conf", "conf", "99x:y", "99x+y", "99 x", "99x_y-z", "99X", "99é")) {
      Boolean apt = aptReadsTrue(parts(Map.of(name, OPTION + " \"true\";\n")));
      assertThat(AptConfig.readByApt(name)).as("apt reads a file named %s: %s", name, apt)
          .isEqualTo(Boolean.TRUE.equals(apt));
    }
  }

  /** apt-config's reading of these files (paths under the root), or null when apt refuses them. */
  private static Boolean aptReadsTrue(Map<String, String> tree) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("podarmor-apt-config");
      Path parts = Files.createDirectories(dir.resolve("etc/apt/apt.conf.d"));
      for (Map.Entry<String, String> f : tree.entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue().replace(ROOT, dir.toString()), StandardCharsets.UTF_8);
      }
      Path config = dir.resolve("apt.conf.main");
      Files.writeString(config, "Dir::Etc::parts \"" + parts + "\";\nDir::Etc::main \"" + dir.resolve("none")
          + "\";\n");
      String out;
      try {
        out = DockerCli.exec(List.of("timeout", "10", "apt-config", "shell", "V", OPTION + "/b"), dir,
            Map.of("APT_CONFIG", config.toString()));
      } catch (IllegalStateException refused) {
        return null;
      }
      return out.contains("V='true'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  /** The files of apt.conf.d named as given, each with this text. */
  private static Map<String, String> parts(Map<String, String> files) {
    Map<String, String> tree = new TreeMap<>();
    files.forEach((name, text) -> tree.put("etc/apt/apt.conf.d/" + name, text));
    return tree;
  }
}
