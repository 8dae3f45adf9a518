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
