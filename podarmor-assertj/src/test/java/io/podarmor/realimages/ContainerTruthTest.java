package io.podarmor.realimages;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.inspect.ShellFinder;
import io.podarmor.internal.inspect.SuidFinder;
import io.podarmor.internal.inspect.UserResolution;
import io.podarmor.internal.inspect.UserResolver;
import io.podarmor.realimages.CorpusSources.Source;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PodArmor's static answers against the container's own truth ({@link ContainerTruth}), for every corpus image
 * through every source: the same uid and gid, the same set of setuid and setgid files, the same installed packages
 * and versions, the same shells. Any difference fails and prints both sides.
 */
class ContainerTruthTest {
  static Stream<Arguments> imagesAndSources() {
    return RealImages.all().stream().flatMap(image -> Stream.of(Source.values()).map(s -> Arguments.of(image, s)));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("imagesAndSources")
  void podarmor_says_what_the_container_says(RealImage real, Source source) {
    // GIVEN
    ContainerImage image = CorpusSources.open(real, source);
    List<String> shells = ShellFinder.paths(image.filesystem());
    ContainerTruth truth = ContainerTruth.of(real, shells);
    // WHEN
    UserResolution user = UserResolver.resolve(image.config().user(), image.filesystem());
    Set<String> setId = SuidFinder.find(image.filesystem()).stream().map(FileEntry::path)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> packages = image.packages().stream().filter(p -> p.kind() == InstalledPackage.Kind.DPKG)
        .map(p -> p.name() + " " + p.version() + " " + p.architecture())
        .collect(Collectors.toCollection(TreeSet::new));
    // THEN
    SoftAssertions softly = new SoftAssertions();
    if (truth.refusal().isEmpty()) {
      softly.assertThat(user.isResolved()).as("PodArmor resolves the user the engine ran: " + user).isTrue();
      if (user.isResolved()) {
        softly.assertThat(List.of(user.uid(), user.gid())).as("uid and gid: PodArmor (left) vs id -u, id -g")
            .isEqualTo(List.of(truth.uid(), truth.gid()));
      }
    } else {
      softly.assertThat(user.isResolved()).as("the engine refused to run it (" + truth.refusal() + "), PodArmor "
          + "resolved " + user).isFalse();
    }
    softly.assertThat(setId).as("setuid and setgid files: PodArmor (actual) vs find -perm (expected)")
        .isEqualTo(truth.setId());
    softly.assertThat(packages).as("installed packages: PodArmor (actual) vs dpkg-query -W (expected)")
        .isEqualTo(truth.packages());
    softly.assertThat(new TreeSet<>(shells)).as("shells: PodArmor (actual) vs paths that ran a shell (expected)")
        .isEqualTo(truth.shells());
    softly.assertAll();
  }
}
