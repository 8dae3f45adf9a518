package io.podarmor.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String EXPECTED = "; expected [registry[:port]/]repository[:tag][@sha256:<64 hex digits>],"
      + " e.g. ghcr.io/acme/api:1.4.2";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // text                       | registry        | repository        | tag    | base URI                        | familiar form
      "alpine                       | docker.io       | library/alpine    | latest | https://registry-1.docker.io    | alpine:latest",
      "alpine:3.20                  | docker.io       | library/alpine    | 3.20   | https://registry-1.docker.io    | alpine:3.20",
      "acme/api:1.4.2               | docker.io       | acme/api          | 1.4.2  | https://registry-1.docker.io    | acme/api:1.4.2",
      "docker.io/library/alpine     | docker.io       | library/alpine    | latest | https://registry-1.docker.io    | alpine:latest",
      "index.docker.io/acme/api     | docker.io       | acme/api          | latest | https://registry-1.docker.io    | acme/api:latest",
      "ghcr.io/acme/api:1           | ghcr.io         | acme/api          | 1      | https://ghcr.io                 | ghcr.io/acme/api:1",
      "registry.example:5443/a/b/c  | registry.example:5443 | a/b/c       | latest | https://registry.example:5443   | registry.example:5443/a/b/c:latest",
      "myhost:5000/app              | myhost:5000     | app               | latest | https://myhost:5000             | myhost:5000/app:latest",
      "Upper/app                    | Upper           | app               | latest | https://Upper                   | Upper/app:latest",
      "localhost/app:dev            | localhost       | app               | dev    | http://localhost                | localhost/app:dev",
      "localhost:5000/a/app         | localhost:5000  | a/app             | latest | http://localhost:5000           | localhost:5000/a/app:latest",
      "127.0.0.1:5000/podarmor-test-reg/x:1 | 127.0.0.1:5000 | podarmor-test-reg/x | 1 | http://127.0.0.1:5000      | 127.0.0.1:5000/podarmor-test-reg/x:1",
      "127.0.0.2:5000/x             | 127.0.0.2:5000  | x                 | latest | http://127.0.0.2:5000           | 127.0.0.2:5000/x:latest",
      "[::1]:5000/x                 | [::1]:5000      | x                 | latest | http://[::1]:5000               | [::1]:5000/x:latest",
      "128.0.0.1:5000/x             | 128.0.0.1:5000  | x                 | latest | https://128.0.0.1:5000          | 128.0.0.1:5000/x:latest",
      "localhost.example/x          | localhost.example | x               | latest | https://localhost.example       | localhost.example/x:latest",
      "a__b/c.d-e--f_g              | docker.io       | a__b/c.d-e--f_g   | latest | https://registry-1.docker.io    | a__b/c.d-e--f_g:latest",
  })
  void parsesAsDockerDoes(String text, String registry, String repository, String tag, String base,
      String familiar) {
    ImageReference ref = ImageReference.parse(text);

    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isNull();
    assertThat(ref.baseUri()).hasToString(base);
    assertThat(ref).hasToString(familiar);
  }

  @Test
  void aDigestWinsOverTheTag() {
    ImageReference pinned = ImageReference.parse("ghcr.io/acme/api:1@sha256:" + HEX);
    ImageReference byDigest = ImageReference.parse("ghcr.io/acme/api@sha256:" + HEX);

    assertThat(pinned.tag()).isEqualTo("1");
    assertThat(pinned.digest()).isEqualTo("sha256:" + HEX);
    assertThat(pinned.tagOrDigest()).isEqualTo("sha256:" + HEX);
    assertThat(pinned).hasToString("ghcr.io/acme/api:1@sha256:" + HEX);
    assertThat(byDigest.tag()).isNull();
    assertThat(byDigest).hasToString("ghcr.io/acme/api@sha256:" + HEX);
  }

  @Test
  void credentialKeysAreTheOnesDockerLoginWrites() {
    assertThat(ImageReference.parse("alpine").credentialKey()).isEqualTo("https://index.docker.io/v1/");
    assertThat(ImageReference.parse("ghcr.io/a/b").credentialKey()).isEqualTo("ghcr.io");
    assertThat(ImageReference.parse("localhost:5000/a").credentialKey()).isEqualTo("localhost:5000");
  }

  @Test
  void withTagAndWithDigest() {
    ImageReference ref = ImageReference.parse("ghcr.io/acme/api:1");

    assertThat(ref.withTag("sha256-" + HEX)).hasToString("ghcr.io/acme/api:sha256-" + HEX);
    assertThat(ref.withDigest("sha256:" + HEX)).hasToString("ghcr.io/acme/api:1@sha256:" + HEX);
    assertThat(ref.withDigest("sha256:" + HEX).withTag("2")).hasToString("ghcr.io/acme/api:2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "UPPER                         | repository name must be lowercase",
      "acme/Api                      | repository name must be lowercase",
      "a:b:c                         | 'a:b' is not a valid repository path component (lowercase letters, digits and single separators . _ __ -)",
      "acme//api                     | '' is not a valid repository path component (lowercase letters, digits and single separators . _ __ -)",
      "acme/api-                     | 'api-' is not a valid repository path component (lowercase letters, digits and single separators . _ __ -)",
      "ghcr.io/                      | the repository name is empty",
      "acme/api:-1                   | '-1' is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)",
      "acme/api@sha512:abcd          | digest algorithm 'sha512' is not supported, only sha256",
      "acme/api@sha256:abcd          | 'sha256:abcd' is not a sha256 digest (64 lowercase hex digits)",
      "acme/api@latest               | 'latest' is not a digest",
      "bad_host.io/x                 | 'bad_host.io' is not a valid registry host[:port]",
  })
  void rejectsWhatDockerRejects(String text, String why) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(ImageException.class)
        .hasMessage("Invalid image reference '" + text + "': " + why + EXPECTED);
  }

  @Test
  void anEmptyReference() {
    assertThatThrownBy(() -> ImageReference.parse(" "))
        .isInstanceOf(ImageException.class)
        .hasMessage("An image reference is required, expected [registry[:port]/]repository[:tag][@sha256:<64 hex"
            + " digits>], e.g. ghcr.io/acme/api:1.4.2");
  }
}
