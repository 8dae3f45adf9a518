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
  @Property(tries = 300)
  void an_option_is_true_for_podarmor_exactly_when_apt_reads_it_true(@ForAll("configs") List<String> files) {
    Map<String, String> named = new java.util.TreeMap<>();
    for (int i = 0; i < files.size(); i++) {
      named.put(String.format("%02d", i), files.get(i)); // apt reads them in this order, as PodArmor does below
    }
    Boolean apt = aptReadsTrue(named);
    Assume.that(apt != null); // apt refuses a file with a syntax error: it installs nothing at all then
    Map<String, AptConfig.Setting> settings = new java.util.LinkedHashMap<>();
    for (String file : files) {
      AptConfig.read(file, null, settings);
    }
    AptConfig.Setting last = settings.get(OPTION.toLowerCase(java.util.Locale.ROOT));
    boolean ours = last != null && AptTrust.isTrue(last.value());
    assertThat(ours).as("PodArmor reads %s as true, apt-config does not (or the reverse), in %s", OPTION, files)
        .isEqualTo(apt);
  }

  @Provide
  Arbitrary<List<String>> configs() {
    Arbitrary<String> name = Arbitraries.of(OPTION, "apt::get::allowunauthenticated", "Apt::Get::AllowUnAuthenticated");
    Arbitrary<String> value = Arbitraries.of("\"true\"", "true", "\"false\"", "\"1\"", "\"0x1\"", "\"on\"", "\"tru\"",
        "\"yes\"", "\"0\"", "\"with\"", "\"Enable\"", "\"\"");
    Arbitrary<String> statement = Arbitraries.oneOf(
        name.flatMap(n -> value.map(v -> n + " " + v + ";")),
        value.map(v -> "APT { Get { AllowUnauthenticated " + v + "; }; };"),
        value.map(v -> "APT::Get {\n  AllowUnauthenticated " + v + ";\n};"),
        value.map(v -> "APT { Get::AllowUnauthenticated " + v + "; };"),
        value.map(v -> "// " + OPTION + " " + v + ";\n"),
        value.map(v -> "# " + OPTION + " " + v + ";\n"),
        value.map(v -> "/* " + OPTION + " " + v + "; */"),
        value.map(v -> OPTION + " " + v + "; # a note\n"),
        value.map(v -> OPTION + " " + v + "; // a note\n"),
        value.map(v -> OPTION + "\t" + v + " ;"),
        Arbitraries.of("#clear APT;\n", "#clear APT::Get;\n", "#clear " + OPTION + ";\n", "Foo::Bar \"x\";",
            "Acquire::Retries \"3\";", "DPkg::Post-Invoke { \"rm -f /x || true\"; };"));
    Arbitrary<String> file = Combinators.combine(statement.list().ofMinSize(1).ofMaxSize(6),
        Arbitraries.of(" ", "\n", "\n\n")).as((s, separator) -> String.join(separator, s) + "\n");
    return file.list().ofMinSize(1).ofMaxSize(3);
  }

  @Test
  void a_file_is_read_by_podarmor_exactly_when_apt_reads_it() {
    for (String name : List.of("99x", "99x.conf", "x.y.conf", "99x.bar", "99x.dpkg-old", "99x.disabled", "99x~",
        "99x.", ".99x", ".conf", "conf", "99x:y", "99x+y", "99 x", "99x_y-z", "99X", "99é")) {
      Boolean apt = aptReadsTrue(Map.of(name, OPTION + " \"true\";\n"));
      assertThat(AptConfig.readByApt(name)).as("apt reads a file named %s: %s", name, apt)
          .isEqualTo(Boolean.TRUE.equals(apt));
    }
  }

  /** apt-config's reading of these apt.conf.d files: true, false, or null when apt refuses them. */
  private static Boolean aptReadsTrue(Map<String, String> files) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("podarmor-apt-config");
      Path parts = Files.createDirectories(dir.resolve("parts"));
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(parts.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
      Path config = dir.resolve("apt.conf.main");
      Files.writeString(config, "Dir::Etc::parts \"" + parts + "\";\nDir::Etc::main \"" + dir.resolve("none")
          + "\";\n");
      String out;
      try {
        out = DockerCli.exec(List.of("apt-config", "shell", "V", OPTION + "/b"), dir, Map.of("APT_CONFIG",
            config.toString()));
      } catch (IllegalStateException refused) {
        return null;
      }
      return out.contains("V='true'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
