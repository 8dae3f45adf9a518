package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.HistoryEntry;
import org.junit.jupiter.api.Test;

/** created_by strings exactly as docker 20.10's legacy builder, its BuildKit and Buildah wrote them. */
class HistoryParserTest {

  static BuildStep parse(String createdBy) {
    return HistoryParser.parse(3, HistoryEntry.of(null, createdBy, null, null, false));
  }

  @Test
  void legacyBuilderMetadataAndCopies() {
    BuildStep add = parse("/bin/sh -c #(nop) ADD file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda"
        + " in /opt/ ");
    assertThat(add.instruction()).isEqualTo("ADD");
    assertThat(add.destination()).isEqualTo("/opt/");
    assertThat(add.describe()).isEqualTo("history[3]: ADD file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5"
        + "cf0cadda in /opt/");
    BuildStep copy = parse("/bin/sh -c #(nop) COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadd"
        + "a in /b.txt ");
    assertThat(copy.instruction()).isEqualTo("COPY");
    assertThat(copy.destination()).isEqualTo("/b.txt");
    assertThat(parse("/bin/sh -c #(nop)  ENV A=b").instruction()).isEqualTo("ENV");
    assertThat(parse("/bin/sh -c #(nop)  ARG V=1").instruction()).isEqualTo("ARG");
    assertThat(parse("/bin/sh -o pipefail -c #(nop)  SHELL [/bin/sh -o pipefail -c]").instruction())
        .isEqualTo("SHELL");
    assertThat(parse("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]").instruction()).isEqualTo("CMD");
  }

  @Test
  void legacyBuilderRunWithAndWithoutBuildArgs() {
    BuildStep run = parse("/bin/sh -c apt-get update && apt-get install -y x");
    assertThat(run.isRun()).isTrue();
    assertThat(run.shellCommand()).isEqualTo("apt-get update && apt-get install -y x");
    assertThat(parse("|1 V=1 /bin/sh -c apt-get update  && apt-get install -y x").shellCommand())
        .isEqualTo("apt-get update  && apt-get install -y x");
    assertThat(parse("|1 V=1 /bin/sh -o pipefail -c echo $V | cat").shellCommand()).isEqualTo("echo $V | cat");
  }

  @Test
  void buildKit() {
    BuildStep run = parse("RUN |1 V=1 /bin/sh -c apt-get update # buildkit");
    assertThat(run.isRun()).isTrue();
    assertThat(run.shellCommand()).isEqualTo("apt-get update");
    assertThat(run.describe()).isEqualTo("history[3]: RUN |1 V=1 /bin/sh -c apt-get update");
    assertThat(parse("RUN /bin/sh -c apt-get update # buildkit").shellCommand()).isEqualTo("apt-get update");
    assertThat(parse("RUN |1 V=1 /bin/sh -o pipefail -c echo $V | cat # buildkit").shellCommand())
        .isEqualTo("echo $V | cat");
    BuildStep add = parse("ADD a.txt /opt/ # buildkit");
    assertThat(add.instruction()).isEqualTo("ADD");
    assertThat(add.destination()).isEqualTo("/opt/");
    assertThat(parse("ADD https://example.com/app.tgz /x # buildkit").destination()).isEqualTo("/x");
    assertThat(parse("COPY . /app # buildkit").instruction()).isEqualTo("COPY");
    assertThat(parse("ENV A=b").instruction()).isEqualTo("ENV");
    assertThat(parse("SHELL [/bin/sh -o pipefail -c]").instruction()).isEqualTo("SHELL");
    assertThat(parse("ADD alpine-minirootfs-3.19.0-x86_64.tar.gz / # buildkit").destination()).isEqualTo("/");
  }

  @Test
  void buildah() {
    BuildStep add = parse("/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b56e4"
        + " in / ");
    assertThat(add.instruction()).isEqualTo("ADD");
    assertThat(add.destination()).isEqualTo("/");
    assertThat(parse("|0 /bin/sh -c dnf -y install nginx").shellCommand()).isEqualTo("dnf -y install nginx");
    assertThat(parse("/bin/sh -c #(nop) COPY dir:0a1b2c in /app ").instruction()).isEqualTo("COPY");
    assertThat(parse("/bin/sh -c #(nop) ADD file:0a1b2c in /opt").destination()).isEqualTo("/opt");
    assertThat(parse("/bin/sh -c #(nop) ENV A=b").instruction()).isEqualTo("ENV");
    // Buildah keeps the Containerfile's own text after "RUN ", continuation lines included
    BuildStep run = parse("|2 A=1 B=2 /bin/sh -c apt-get update \\\n    && apt-get install -y curl");
    assertThat(run.shellCommand()).isEqualTo("apt-get update \\\n    && apt-get install -y curl");
    assertThat(LoneUpdateFinder.find(java.util.List.of(run))).isEmpty();
  }

  @Test
  void otherToolsTextAndExecFormRunAreNoShellSteps() {
    assertThat(parse("jib-maven-plugin:3.4.0").instruction()).isEqualTo(BuildStep.UNKNOWN);
    // the legacy builder's exec-form RUN ["/bin/busybox", "--install", "-s", "/bin"]
    assertThat(parse("/bin/busybox --install -s /bin").instruction()).isEqualTo(BuildStep.UNKNOWN);
    assertThat(parse("").instruction()).isEqualTo(BuildStep.UNKNOWN);
  }

  @Test
  void aMalformedBuildArgCountIsReadAsTextNotACrash() {
    // a count beyond int used to throw NumberFormatException out of every history check
    assertThat(parse("|99999999999 A=1 /bin/sh -c make").instruction()).isEqualTo(BuildStep.UNKNOWN);
    // a count larger than the words there: the shell prefix is consumed as args, so no shell step either
    assertThat(parse("|999999999 A=1 /bin/sh -c make").instruction()).isEqualTo(BuildStep.UNKNOWN);
  }
}
