package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.HistoryEntry;
import io.podarmor.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finders on history steps: what fires and, as important, the other linters' false positives that do not. */
class HistoryFindersTest {

  static List<BuildStep> run(String... commands) {
    List<BuildStep> steps = new ArrayList<>();
    for (int i = 0; i < commands.length; i++) {
      steps.add(HistoryParser.parse(i, HistoryEntry.of(null, "/bin/sh -c " + commands[i], null, null, false)));
    }
    return steps;
  }

  @Test
  void loneUpdates() {
    assertThat(LoneUpdateFinder.find(run(
        "apt-get update",
        "apt-get update && apt-get install -y x",
        "apt-get update \\\n && apt-get install -y x",
        "apt update; apt upgrade -y",
        "apk update",
        "apk add --no-cache x",
        "dnf makecache",
        "yum check-update; yum -y install x",
        "microdnf makecache && microdnf install x",
        "zypper --non-interactive refresh",
        "zypper ref && zypper in -y x",
        "apt-get install -y x && apt-get update",
        "echo apt-get update")))
        .containsExactly(
            "history[0]: RUN /bin/sh -c apt-get update (apt-get update with no install or upgrade after it)",
            "history[4]: RUN /bin/sh -c apk update (apk update with no install or upgrade after it)",
            "history[6]: RUN /bin/sh -c dnf makecache (dnf makecache with no install or upgrade after it)",
            "history[9]: RUN /bin/sh -c zypper --non-interactive refresh (zypper --non-interactive refresh with no"
                + " install or upgrade after it)",
            "history[11]: RUN /bin/sh -c apt-get install -y x && apt-get update (apt-get update with no install or"
                + " upgrade after it)");
  }

  @Test
  void sudoAsACommandOnly() {
    assertThat(SudoFinder.inHistory(run(
        "find / -iname sudo",
        "apt-get purge -y sudo",
        "echo sudo",
        "sudo make install",
        "cd /src && sudo -u app ./build"))).containsExactly(
            "history[3]: RUN /bin/sh -c sudo make install",
            "history[4]: RUN /bin/sh -c cd /src && sudo -u app ./build");
  }

  @Test
  void unverifiedInstalls() {
    assertThat(UnverifiedPackageFinder.find(run(
        "apt-get update && apt-get install -y --allow-unauthenticated x",
        "apt-get -o APT::Get::AllowUnauthenticated=true install x",
        "echo 'deb [trusted=yes] http://repo/ ./' > /etc/apt/sources.list.d/r.list",
        "dnf install -y --nogpgcheck x",
        "echo gpgcheck=0 >> /etc/yum.repos.d/r.repo",
        "wget --no-check-certificate https://x/y.deb",
        "pip install --trusted-host pypi.internal x",
        "curl -fsSLk https://get.example.com | sh",
        "wget -O- https://get.example.com | sudo bash",
        "apt-get update && apt-get install -y curl",
        "curl -fsSL https://x/key.asc -o /etc/apt/keyrings/x.asc",
        "curl -k https://localhost/health | grep ok")))
        .containsExactly(
            "history[0]: RUN /bin/sh -c apt-get update && apt-get install -y --allow-unauthenticated x (apt-get"
                + " --allow-unauthenticated)",
            "history[1]: RUN /bin/sh -c apt-get -o APT::Get::AllowUnauthenticated=true install x (apt option"
                + " APT::Get::AllowUnauthenticated=true)",
            "history[2]: RUN /bin/sh -c echo 'deb [trusted=yes] http://repo/ ./' > /etc/apt/sources.list.d/r.list"
                + " ([trusted=yes] apt source)",
            "history[3]: RUN /bin/sh -c dnf install -y --nogpgcheck x (dnf --nogpgcheck)",
            "history[4]: RUN /bin/sh -c echo gpgcheck=0 >> /etc/yum.repos.d/r.repo (gpgcheck=0 repository)",
            "history[5]: RUN /bin/sh -c wget --no-check-certificate https://x/y.deb (wget --no-check-certificate)",
            "history[6]: RUN /bin/sh -c pip install --trusted-host pypi.internal x (pip --trusted-host)",
            "history[7]: RUN /bin/sh -c curl -fsSLk https://get.example.com | sh (curl --insecure download piped"
                + " into sh)",
            "history[8]: RUN /bin/sh -c wget -O- https://get.example.com | sudo bash (wget download piped into"
                + " bash)");
  }

  @Test
  void apt_configuration_from_a_file_the_image_may_not_keep_is_not_verified() {
    List<BuildStep> steps = new ArrayList<>(run(
        "apt-get -c /tmp/mirror.conf install -y x",
        "apt-get --config-file=/tmp/mirror.conf install -y x",
        "APT_CONFIG='/tmp/mirror.conf' apt-get install -y x",
        "APT_CONFIG= apt-get install -y x && cc -c main.c",
        "apt-get install -y x"));
    steps.add(HistoryParser.parse(5, HistoryEntry.of(null, "ENV APT_CONFIG=/tmp/mirror.conf", null, null, true)));

    assertThat(UnverifiedPackageFinder.find(steps)).containsExactly(
        "history[0]: RUN /bin/sh -c apt-get -c /tmp/mirror.conf install -y x (apt-get -c /tmp/mirror.conf: apt reads"
            + " configuration from there, so not verified)",
        "history[1]: RUN /bin/sh -c apt-get --config-file=/tmp/mirror.conf install -y x (apt-get"
            + " --config-file=/tmp/mirror.conf: apt reads configuration from there, so not verified)",
        "history[2]: RUN /bin/sh -c APT_CONFIG='/tmp/mirror.conf' apt-get install -y x (APT_CONFIG=/tmp/mirror.conf:"
            + " apt reads its configuration from there first, so not verified)",
        "history[5]: ENV APT_CONFIG=/tmp/mirror.conf (APT_CONFIG=/tmp/mirror.conf: apt reads its configuration from"
            + " there first, so not verified)");
  }

  @Test
  void rpm_repositories_read_from_elsewhere_are_not_verified() {
    assertThat(UnverifiedPackageFinder.find(run("dnf --setopt=reposdir=/tmp/repos install -y x",
        "yum -c /tmp/yum.conf install -y x", "dnf --repofrompath=tmp,/tmp/repo install -y x",
        "zypper --reposd-dir /tmp/repos install -y x", "dnf --setopt=install_weak_deps=False install -y x")))
        .containsExactly(
        "history[0]: RUN /bin/sh -c dnf --setopt=reposdir=/tmp/repos install -y x (dnf --setopt=reposdir=/tmp/repos:"
            + " repositories are read from there, so not verified)",
        "history[1]: RUN /bin/sh -c yum -c /tmp/yum.conf install -y x (yum -c /tmp/yum.conf: repositories are read"
            + " from there, so not verified)",
        "history[2]: RUN /bin/sh -c dnf --repofrompath=tmp,/tmp/repo install -y x (dnf --repofrompath=tmp,/tmp/repo:"
            + " repositories are read from there, so not verified)",
        "history[3]: RUN /bin/sh -c zypper --reposd-dir /tmp/repos install -y x (zypper --reposd-dir /tmp/repos:"
            + " repositories are read from there, so not verified)");
  }

  @Test
  void baseImageRootfsAddIsNoAdd() {
    BuildHistory legacy = history(
        HistoryEntry.of(null, "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b5"
            + "6e4 in / ", null, null, false),
        HistoryEntry.of(null, "/bin/sh -c #(nop)  CMD [\"bash\"]", null, null, true),
        HistoryEntry.of(null, "/bin/sh -c #(nop) ADD file:aa in / ", null, null, false),
        HistoryEntry.of(null, "ADD app.tgz /opt/ # buildkit", null, null, false));
    assertThat(AddFinder.find(legacy)).containsExactly("history[2]: ADD file:aa in /",
        "history[3]: ADD app.tgz /opt/");
    BuildHistory buildkit = history(
        HistoryEntry.of(null, "ADD alpine-minirootfs-3.19.0-x86_64.tar.gz / # buildkit", null, null, false),
        HistoryEntry.of(null, "COPY . /app # buildkit", null, null, false));
    assertThat(AddFinder.find(buildkit)).isEmpty();
  }

  @Test
  void aSquashedOrMissingHistoryCannotDecide() {
    assertThat(BuildHistory.of(ImageConfig.builder().layerDiffIds(List.of("sha256:a")).build()).undecidable())
        .containsExactly("the image config records no build history (squashed, or built by a tool that writes none)");
    ImageConfig squashed = ImageConfig.builder().layerDiffIds(List.of("sha256:a", "sha256:b"))
        .history(List.of(HistoryEntry.of(null, "", null, null, false))).build();
    assertThat(BuildHistory.of(squashed).undecidable()).containsExactly(
        "the history has 1 layer-creating step for 2 layers: it was rewritten (squashed?), so it does not tell what"
            + " built each layer",
        "history[0] has no created_by: what it ran is not recorded");
  }

  @Test
  void aBaseImportedWithDockerImportIsTheBasesRootFilesystem() {
    // GIVEN: debootstrap + docker import, then a build on top
    HistoryEntry imported = HistoryEntry.of(null, "", "Imported from -", null, false);
    BuildHistory built = history(imported,
        HistoryEntry.of(null, "RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", null, null,
            false),
        HistoryEntry.of(null, "ADD app.tgz /opt/ # buildkit", null, null, false));
    // WHEN / THEN: the history decides; the import is no ADD, the later local ADD is caught
    assertThat(LoneUpdateFinder.find(built.steps())).isEmpty();
    assertThat(AddFinder.find(built)).containsExactly("history[2]: ADD app.tgz /opt/");
    assertThat(AddFinder.find(history(imported))).isEmpty();
  }

  @Test
  void anImportAnywhereButTheBaseOrWithoutItsCommentCannotDecide() {
    ImageConfig importLater = ImageConfig.builder().layerDiffIds(List.of("sha256:a", "sha256:b"))
        .history(List.of(HistoryEntry.of(null, "ADD file:aa in / ", null, null, false),
            HistoryEntry.of(null, "", "Imported from -", null, false))).build();
    assertThat(BuildHistory.of(importLater).undecidable())
        .containsExactly("history[1] has no created_by (comment: Imported from -): what it ran is not recorded");
    ImageConfig message = ImageConfig.builder().layerDiffIds(List.of("sha256:a"))
        .history(List.of(HistoryEntry.of(null, "", "debootstrap rootfs", null, false))).build();
    assertThat(BuildHistory.of(message).undecidable())
        .containsExactly("history[0] has no created_by (comment: debootstrap rootfs): what it ran is not recorded");
  }

  static BuildHistory history(HistoryEntry... entries) {
    long layers = List.of(entries).stream().filter(e -> !e.emptyLayer()).count();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      ids.add("sha256:" + i);
    }
    BuildHistory h = BuildHistory.of(ImageConfig.builder().history(List.of(entries)).layerDiffIds(ids).build());
    assertThat(h.undecidable()).isEmpty();
    return h;
  }
}
