package io.podarmor.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomFromFileTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  static final String SPDX = """
      {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","dataLicense":"CC0-1.0","name":"img",
       "documentNamespace":"https://example.invalid/img",
       "creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: test"]},
       "packages":[
        {"SPDXID":"SPDXRef-image","name":"img","downloadLocation":"NOASSERTION",
         "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
           "referenceLocator":"pkg:oci/img@%s"}]},
        {"SPDXID":"SPDXRef-libc6","name":"libc6","versionInfo":"2.36-9","downloadLocation":"NOASSERTION",
         "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
           "referenceLocator":"pkg:deb/debian/libc6@2.36-9?arch=amd64"}]}],
       "relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES",
         "relatedSpdxElement":"SPDXRef-image"}]}
      """.formatted(DIGEST.replace(":", "%3A"));

  static final String CDX = """
      {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
       "metadata":{"component":{"type":"container","name":"img","version":"%s"}},
       "components":[{"type":"library","name":"musl","version":"1.2.4-r2","purl":"pkg:apk/alpine/musl@1.2.4-r2"}]}
      """.formatted(DIGEST);

  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void reads_a_valid_spdx_document() throws Exception {
    Sbom sbom = Sbom.fromFile(write("a.spdx.json", SPDX));
    assertThat(sbom.format()).isEqualTo(SbomFormat.SPDX_2_3);
    assertThat(sbom.isValid()).as(sbom.problems().toString()).isTrue();
    assertThat(sbom.describedDigests()).containsExactly(DIGEST);
    assertThat(sbom.packages()).contains(
        new SbomPackage("libc6", "2.36-9", "pkg:deb/debian/libc6@2.36-9?arch=amd64"));
  }

  @Test
  void reads_a_valid_cyclonedx_document() throws Exception {
    Sbom sbom = Sbom.fromFile(write("a.cdx.json", CDX));
    assertThat(sbom.format()).isEqualTo(SbomFormat.CYCLONEDX_1_5);
    assertThat(sbom.format().sameFamilyAs(SbomFormat.CYCLONEDX_1_6)).isTrue();
    assertThat(sbom.isValid()).isTrue();
    assertThat(sbom.describedDigests()).containsExactly(DIGEST);
    assertThat(sbom.packages()).containsExactly(
        new SbomPackage("musl", "1.2.4-r2", "pkg:apk/alpine/musl@1.2.4-r2"));
  }

  @Test
  void spdx_missing_required_fields_is_invalid_with_each_reason() throws Exception {
    String broken = SPDX.replace("\"dataLicense\":\"CC0-1.0\",", "")
        .replace("\"created\":\"2026-01-01T00:00:00Z\",", "")
        .replace("\"SPDXID\":\"SPDXRef-libc6\",", "")
        .replace("\"relationshipType\":\"DESCRIBES\"", "\"relationshipType\":\"CONTAINS\"");
    Sbom sbom = Sbom.fromFile(write("b.spdx.json", broken));
    assertThat(sbom.isValid()).isFalse();
    assertThat(sbom.problems()).containsExactly(
        "missing \"dataLicense\"",
        "missing \"creationInfo.created\"",
        "missing \"packages[1].SPDXID\"",
        "no \"DESCRIBES\" relationship from SPDXRef-DOCUMENT and no \"documentDescribes\"");
  }

  @Test
  void spdx_packages_that_are_not_an_array_make_it_invalid_not_a_crash() throws Exception {
    Sbom sbom = Sbom.fromFile(write("p.spdx.json", SPDX.replace("\"packages\":[", "\"packages\":{\"a\":[")
        .replace("}]}],\n \"relationships\"", "}]}]},\n \"relationships\"")));
    assertThat(sbom.packages()).isEmpty();
    assertThat(sbom.problems()).containsExactly("\"packages\" is not an array");
  }

  @Test
  void schema_invalid_cyclonedx_names_the_first_schema_errors() throws Exception {
    Sbom sbom = Sbom.fromFile(write("c.cdx.json", CDX.replace("\"type\":\"library\"", "\"type\":\"gadget\"")
        .replace("\"version\":1,", "\"version\":\"one\",")));
    assertThat(sbom.format()).isEqualTo(SbomFormat.CYCLONEDX_1_5);
    assertThat(sbom.isValid()).isFalse();
    assertThat(sbom.problems()).hasSize(2).allSatisfy(p ->
        assertThat(p).startsWith("not valid against the CycloneDX 1.5 schema: "));
    assertThat(String.join("\n", sbom.problems())).contains("$.components[0].type").contains("$.version");
  }

  @Test
  void malformed_json_names_the_file_and_position() throws Exception {
    Path file = write("bad.json", "{\"spdxVersion\": \"SPDX-2.3\",\n  \"name\": }");
    assertThatThrownBy(() -> Sbom.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("SBOM from file " + file + " is not valid JSON: ")
        .hasMessageContaining("at line 2, column")
        .hasNoCause();
  }

  @Test
  void neither_format_is_rejected() throws Exception {
    Path file = write("x.json", "{\"hello\":1}");
    assertThatThrownBy(() -> Sbom.fromFile(file)).hasMessage("SBOM from file " + file
        + " is neither SPDX (no \"spdxVersion\") nor CycloneDX (no \"bomFormat\": \"CycloneDX\")");
  }

  @Test
  void unsupported_versions_are_rejected() throws Exception {
    Path spdx = write("old.spdx.json", SPDX.replace("SPDX-2.3", "SPDX-2.2"));
    assertThatThrownBy(() -> Sbom.fromFile(spdx)).hasMessage("SBOM from file " + spdx
        + " declares spdxVersion \"SPDX-2.2\"; supported: SPDX-2.3");
    Path cdx = write("old.cdx.json", CDX.replace("\"1.5\"", "\"1.2\""));
    assertThatThrownBy(() -> Sbom.fromFile(cdx)).hasMessage("SBOM from file " + cdx
        + " declares CycloneDX specVersion \"1.2\"; supported: 1.4, 1.5, 1.6");
  }
}
