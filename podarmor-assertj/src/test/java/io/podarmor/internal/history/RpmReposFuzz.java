package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.oci.Json;
import io.podarmor.testing.DockerCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes PodArmor's reading of rpm repository files against libdnf's own parser (Debian's {@code python3-dnf}, its
 * {@code ConfigParser} and {@code OptionBool}, on the machine running the tests): for generated {@code .repo} files
 * (sections repeated, keys repeated or in another case, comments, continuation lines, blank lines, white space around
 * {@code =}, values libdnf reads as booleans and values it does not), the same sections with the same {@code enabled}
 * and {@code gpgcheck} as libdnf reads them wherever libdnf reads the file (where it refuses it, dnf installs
 * nothing).
 */
class RpmReposFuzz {
  private static final String ORACLE = String.join("\n",
      "import sys, json, libdnf.conf as c",
      "def boolean(v):",
      "    o = c.OptionBool(False)",
      "    try:",
      "        o.set(c.Option.Priority_RUNTIME, v)",
      "        return o.getValue()",
      "    except Exception:",
      "        return None",
      "p = c.ConfigParser()",
      "try:",
      "    p.read(sys.argv[1])",
      "except Exception:",
      "    print('null'); sys.exit(0)",
      "d = p.getData()",
      "out = {}",
      "for s in d:",
      "    keys = d[s]",
      "    out[s] = {k: boolean(keys[k]) for k in ('enabled', 'gpgcheck') if k in keys}",
      "print(json.dumps(out))");

  /** Files whose reading turns on a rule of libdnf's parser, each compared as the generated ones are. */
  @net.jqwik.api.Example
  void reads_the_tricky_files_as_libdnf_does() throws IOException {
    for (String file : List.of("[internal]\ngpgcheck=0\n  # indented comment\n", "[internal]\ngpgcheck=1\n  0\n",
        "[internal]\ngpgcheck=1\ngpgcheck=0\n", "[internal]\nGPGCHECK=0\n", "[internal]\ngpgcheck=0 # off\n",
        "[internal]\ngpgcheck = Off\n", "[internal]x\ngpgcheck=no\n", " [internal]\n\tgpgcheck=0\n",
        "[internal]\ngpgcheck=1\n[internal]\ngpgcheck=0\n", "[internal]\r\ngpgcheck=0\r\n")) {
      reads_every_repository_file_as_libdnf_does(file);
    }
  }

  @Property(tries = 150)
  void reads_every_repository_file_as_libdnf_does(@ForAll("repoFiles") String file) throws IOException {
    JsonNode dnf = libdnf(file);
    Map<String, Map<String, RpmRepos.Value>> ours = RpmRepos.parse(file);
    if (dnf.isNull()) {
      return; // libdnf refuses the file, and dnf with it: nothing is installed, whatever PodArmor reads
    }
    assertThat(ours).as("libdnf reads %s as %s", file, dnf).isNotNull();
    Map<String, Map<String, Optional<Boolean>>> ourBooleans = new LinkedHashMap<>();
    ours.forEach((section, keys) -> {
      Map<String, Optional<Boolean>> b = new LinkedHashMap<>();
      for (String k : List.of("enabled", "gpgcheck")) {
        if (keys.containsKey(k)) {
          b.put(k, RpmRepos.bool(keys.get(k)));
        }
      }
      ourBooleans.put(section, b);
    });
    Map<String, Map<String, Optional<Boolean>>> theirs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : dnf.properties()) {
      Map<String, Optional<Boolean>> b = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> k : s.getValue().properties()) {
        b.put(k.getKey(), k.getValue().isNull() ? Optional.empty() : Optional.of(k.getValue().asBoolean()));
      }
      theirs.put(s.getKey(), b);
    }
    assertThat(ourBooleans).as("sections, enabled and gpgcheck of %s", file).isEqualTo(theirs);
  }

  @Provide
  Arbitrary<String> repoFiles() {
    Arbitrary<String> value = Arbitraries.of("0", "1", "False", "true", "TRUE", "off", "On", "no", "Yes", "2", "",
        "0 # note", "yes\t");
    Arbitrary<String> key = Arbitraries.of("gpgcheck", "enabled", "GPGCHECK", "Enabled", "baseurl", "name",
        "repo_gpgcheck");
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of("[internal]", "[debug]", " [internal]", "[internal] trailing", "[internal]x", "[main]",
            "# comment", "; note", "  # indented comment", "", "   continued", "no equals sign"),
        key.flatMap(k -> value.flatMap(v -> Arbitraries.of(k + "=" + v, k + " = " + v, k + "\t=\t" + v,
            "  " + k + "=" + v))));
    return Arbitraries.oneOf(
        line.list().ofMinSize(1).ofMaxSize(10).map(l -> "[internal]\n" + String.join("\n", l) + "\n"),
        line.list().ofMinSize(1).ofMaxSize(10).map(l -> String.join("\n", l) + "\n"));
  }

  private static JsonNode libdnf(String file) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("podarmor-rpm-repos");
      Path repo = dir.resolve("x.repo");
      Files.writeString(repo, file, StandardCharsets.UTF_8);
      Path oracle = dir.resolve("oracle.py");
      Files.writeString(oracle, ORACLE, StandardCharsets.UTF_8);
      String out = DockerCli.exec(List.of("/usr/bin/python3", oracle.toString(), repo.toString()), dir, Map.of());
      return Json.tree(out.strip().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        try (var paths = Files.walk(dir)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
