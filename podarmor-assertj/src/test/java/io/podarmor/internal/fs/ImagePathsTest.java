package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePathsTest {

  @Test
  void normalizesTarNamesToAbsolutePaths() {
    assertThat(ImagePaths.normalize("./usr//bin/")).isEqualTo("/usr/bin");
    assertThat(ImagePaths.normalize("usr/bin/../lib/./x")).isEqualTo("/usr/lib/x");
    assertThat(ImagePaths.normalize("/etc/passwd")).isEqualTo("/etc/passwd");
    assertThat(ImagePaths.normalize("./")).isEqualTo("/");
    assertThat(ImagePaths.normalize("")).isEqualTo("/");
  }

  /**
   * The shortcut for names already clean gives what the element-by-element readings give, for every name of up to
   * eight characters from {@code a}, {@code .} and {@code /} (9,841 names).
   */
  @Test
  void theShortcutForCleanNamesAgreesWithTheReadingByElements() {
    List<String> names = new ArrayList<>(List.of(""));
    for (int from = 0, length = 1; length <= 8; length++) {
      int to = names.size();
      for (int i = from; i < to; i++) {
        for (char c : new char[] {'a', '.', '/'}) {
          names.add(names.get(i) + c);
        }
      }
      from = to;
    }
    int shortcuts = 0;
    for (String name : names) {
      assertThat(ImagePaths.goClean(name)).as("goClean(%s)", name).isEqualTo(ImagePaths.goCleanByElements(name));
      assertThat(ImagePaths.isDot(name)).as("isDot(%s)", name).isEqualTo(ImagePaths.isDotByElements(name));
      assertThat(ImagePaths.clean(name)).as("clean(%s)", name).isEqualTo(ImagePaths.cleanByElements(name));
      shortcuts += ImagePaths.alreadyClean(name) != null ? 1 : 0;
    }
    assertThat(names).hasSize(9841);
    assertThat(shortcuts).as("names the shortcut answers").isGreaterThan(1000);
    assertThat(ImagePaths.alreadyClean("usr/bin/")).isEqualTo("usr/bin");
    assertThat(ImagePaths.alreadyClean("./usr/bin/sh")).isEqualTo("usr/bin/sh");
  }

  @Test
  void aNameClimbingAboveTheRootIsRejected() {
    assertThat(ImagePaths.normalize("../etc/passwd")).isNull();
    assertThat(ImagePaths.normalize("usr/../../etc")).isNull();
  }

  @Test
  void parentFileNameAndChild() {
    assertThat(ImagePaths.parent("/usr/bin")).isEqualTo("/usr");
    assertThat(ImagePaths.parent("/usr")).isEqualTo("/");
    assertThat(ImagePaths.parent("/")).isNull();
    assertThat(ImagePaths.fileName("/usr/bin/sh")).isEqualTo("sh");
    assertThat(ImagePaths.child("/", "etc")).isEqualTo("/etc");
    assertThat(ImagePaths.child("/etc", "passwd")).isEqualTo("/etc/passwd");
  }

  @Test
  void treeOrderPutsADirectorysDescendantsRightAfterIt() {
    List<String> paths = new ArrayList<>(List.of("/usr/bin-extra", "/usr/bin/x", "/usr", "/usr/bin", "/usr.d",
        "/", "/usr/bin/x/y", "/usr/bin0"));
    paths.sort(ImagePaths.ORDER);
    assertThat(paths).containsExactly("/", "/usr", "/usr/bin", "/usr/bin/x", "/usr/bin/x/y", "/usr/bin-extra",
        "/usr/bin0", "/usr.d");
  }
}
