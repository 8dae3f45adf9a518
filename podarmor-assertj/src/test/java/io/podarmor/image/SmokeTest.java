package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path tmp;

  @Test
  void threeSources() {
    TestImage image = TestImage.named("podarmor-test/smoke:1").user("65532")
        .layer(Layer.create().dir("/usr/bin", 0755).file("/usr/bin/passwd", "x", 04755).hardlink("/usr/bin/su", "/usr/bin/passwd").copy("/bin/busybox", Binaries(), 0755))
        .layer(Layer.create().symlink("/bin/sh", "busybox"));
    for (ContainerImage img : new ContainerImage[] {
        ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("l"))),
        ContainerImage.fromDockerArchive(image.writeDockerArchive(tmp.resolve("a.tar"))),
        ContainerImage.fromDaemon(image.loadIntoDocker())}) {
      System.out.println(img + " " + img.platform() + " " + img.config().user());
      img.filesystem().entries().forEach(e -> System.out.println("  " + e + " " + e.layerDescription() + " " + e.identifiedProgram()));
      assertThat(img.filesystem().resolve("/bin/sh").get().identifiedProgram()).contains("busybox");
    }
  }

  private static Path Binaries() {
    return io.podarmor.testing.Binaries.busybox();
  }
}
