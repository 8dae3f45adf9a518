package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.inspect.Filesystems;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes PodArmor's reading of apt's source lists against apt itself: apt's own parser ({@code apt_pkg.SourceList}
 * of Debian's python3-apt, on the machine running the tests) reads a generated {@code sources.list} (options in
 * brackets, quoted, {@code %xx}-encoded, repeated, commented) and a deb822 {@code .sources} file (fields in any case and
 * spacing, values on continuation lines, {@code Enabled}); PodArmor must find a trusting source exactly when apt trusts
 * one of their repositories.
 */
class AptSourcesFuzz {
  private static final String ORACLE = String.join("\n",
      "import apt_pkg, sys",
      "apt_pkg.init_config()",
      "apt_pkg.config.set('Dir::Etc::sourcelist', sys.argv[1])",
      "apt_pkg.config.set('Dir::Etc::sourceparts', sys.argv[2])",
      "apt_pkg.init_system()",
      "sources = apt_pkg.SourceList()",
      "try:",
      "    sources.read_main_list()",
      "except SystemError:",
      "    print('REFUSED'); sys.exit(0)",
      "print('TRUSTED' if any(m.is_trusted for m in sources.list) else 'CHECKED')");

  @Property(tries = 300)
  void a_source_trusts_for_podarmor_exactly_when_apt_trusts_it(@ForAll("oneLineFiles") String list,
      @ForAll("deb822Files") String sources) {
    Boolean apt = aptTrusts(list, sources);
    Assume.that(apt != null); // apt refuses a malformed source list: it installs nothing at all then
    Layer layer = Layer.create().file("/etc/apt/sources.list", list, 0644)
        .file("/etc/apt/sources.list.d/extra.sources", sources, 0644);
    List<String> found = AptSources.find(Filesystems.of(layer));
    assertThat(!found.isEmpty()).as("PodArmor found %s; apt trusts a repository: %s; in\n%s\nand\n%s", found, apt,
        list, sources).isEqualTo(apt);
  }

  @org.junit.jupiter.api.Test
  void hand_picked_sources_are_read_as_apt_reads_them() {
    String stanza = "Types: deb\nURIs: http://h0/\nSuites: stable\nComponents: main\n";
    for (String sources : List.of(stanza + "Trusted: yes\n \nEnabled: no\n", stanza + "Trusted: yes\n\n" + stanza.replace("h0", "h1") + "Enabled: no\n",
        stanza + "Trusted: yes\n  # a note\n", stanza + "Trusted: yes\r\n", stanza + "Trusted :\n yes\n",
        stanza + "Trusted: yes\n#Enabled: no\n", stanza + "Trusted: yes\nTrusted: no\n")) {
      Boolean apt = aptTrusts("", sources);
      assertThat(apt).as("apt reads %s", sources).isNotNull();
      Layer layer = Layer.create().file("/etc/apt/sources.list.d/extra.sources", sources, 0644);
      assertThat(!AptSources.find(Filesystems.of(layer)).isEmpty()).as("apt trusts %s: %s", sources, apt)
          .isEqualTo(Boolean.TRUE.equals(apt));
    }
  }

  @Provide
  Arbitrary<String> oneLineFiles() {
    Arbitrary<String> type = Arbitraries.of("deb", "deb-src", "deb\t", " deb", "#deb", "deb  ");
    Arbitrary<String> options = Arbitraries.of("", "[trusted=yes]", "[ trusted=yes ]", "[trusted=\"yes\"]",
        "[trusted=y\"es\"]", "[\"trusted=yes\"]", "[tru%73ted=yes]", "[trusted=ye%73]", "[trusted=yes trusted=no]",
        "[trusted=no trusted=yes]", "[arch=amd64 trusted=1]", "[trusted=yes,arch=amd64]", "[trusted=yes]]",
        "[[trusted=yes]", "[trusted=yes#x]", "[Trusted=yes]", "[trusted=Yes]", "[trusted=0x1]", "[trusted=on]",
        "[trusted=yes ]", "[trusted=no]", "[notrusted=yes]", "[trusted=y[es]]", "[trusted=yes signed-by=/x]",
        "[trusted=\"yes arch\"]", "[trusted=yes\t]", "[trusted=%31]", "[trusted= yes]");
    Arbitrary<String> rest = Arbitraries.of(" http://HOST/ ./", " http://HOST/ stable main", " \"http://HOST/\" ./",
        " http://HOST/ ./ # a note", "# http://HOST/ ./");
    Arbitrary<String> line = Combinators.combine(type, options, rest).as((t, o, r) -> t + " " + o + r);
    return line.list().ofMinSize(1).ofMaxSize(3).map(AptSourcesFuzz::numbered);
  }

  @Provide
  Arbitrary<String> deb822Files() {
    Arbitrary<String> trusted = Arbitraries.of("", "Trusted: yes\n", "trusted: yes\n", "Trusted : yes\n",
        "Trusted:\n yes\n", "Trusted: \"yes\"\n", "Trusted: ye%73\n", "Trusted: yes # c\n", "Trusted:yes\n",
        "Trusted:\tyes\n", "Trusted: 1\n", "Trusted: no\n", "Trusted: yes\nTrusted: no\n", "Trusted: no\nTrusted: yes\n",
        "# Trusted: yes\n", "Trusted: yes\n no\n", "TRUSTED: On\n", "Trusted: yes\n  # c\n", "Trusted: yes\r\n",
        "Trusted: yes\n \n", "Trusted:\n # c\n yes\n");
    Arbitrary<String> enabled = Arbitraries.of("", "", "Enabled: no\n", "Enabled: yes\n", "Enabled: 0\n",
        "Enabled: false\n", "Enabled:\n no\n", "enabled: NO\n");
    Arbitrary<String> stanza = Combinators.combine(trusted, enabled, Arbitraries.of(true, false)).as((t, e, first) ->
        (first ? t + e : "") + "Types: deb\nURIs: http://HOST/\nSuites: stable\nComponents: main\n"
            + (first ? "" : e + t));
    return stanza.list().ofMinSize(0).ofMaxSize(3).map(s -> numbered(List.of(String.join("\n", s).split("\n", -1)))
        .replace("\n\n\n", "\n\n"));
  }

  /** The lines, each source's host made its own (apt refuses two values of an option for one repository). */
  private static String numbered(List<String> lines) {
    StringBuilder text = new StringBuilder();
    int host = 0;
    for (String line : lines) {
      text.append(line.contains("HOST") ? line.replace("HOST", "h" + host++) : line).append('\n');
    }
    return text.toString().replace("\n\n\n", "\n\n");
  }

  /** apt's reading: whether it trusts a repository of these files, or null when it refuses them. */
  private static Boolean aptTrusts(String list, String sources) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("podarmor-apt-sources");
      Path parts = Files.createDirectories(dir.resolve("sources.list.d"));
      Files.writeString(dir.resolve("sources.list"), list, StandardCharsets.UTF_8);
      if (!sources.isBlank()) {
        Files.writeString(parts.resolve("extra.sources"), sources, StandardCharsets.UTF_8);
      }
      String out = DockerCli.exec(List.of("/usr/bin/python3", "-c", ORACLE, dir.resolve("sources.list").toString(),
          parts.toString()), dir, Map.of()).strip();
      return out.equals("REFUSED") ? null : out.equals("TRUSTED");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }
}
