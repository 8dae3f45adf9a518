package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.internal.registry.RegistryOrigin;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.internal.source.Origin;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestIndex;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ContainerImage#fromRegistry} and {@link ContainerImage#of} against the local docker-registry. */
class RegistrySourceTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64");
  private static final String REPO = "podarmor-test-reg/multi";

  private static TestRegistry registry;
  private static TestImage amd64;
  private static TestImage arm64;
  private static TestIndex.Pushed oci;
  private static String base;

  @BeforeAll
  static void push() {
    registry = TestRegistry.local();
    base = registry.host() + "/" + REPO;
    amd64 = platformImage("amd64");
    arm64 = platformImage("arm64");
    oci = TestIndex.create()
        .image(amd64, TestImage.Compression.GZIP)
        .image(arm64, TestImage.Compression.ZSTD)
        .attestations()
        .pushTo(registry, REPO, "oci");
  }

  private static TestImage platformImage(String arch) {
    return TestImage.named("podarmor-test-reg/multi:" + arch).platform("linux", arch).user("65532")
        .layer(Layer.create().dir("/etc", 0755).file("/etc/os-release", "ID=podarmor-" + arch + "\n", 0644))
        .layer(Layer.create().dir("/app", 0755).file("/app/run", "#!" + arch, 0755));
  }

  @Test
  void anIndexByTagListsItsPlatformsWithoutAttestationsAndPicksTheHosts() {
    ContainerImage image = ContainerImage.fromRegistry(base + ":oci");

    assertThat(image.reference()).isEqualTo(base + ":oci");
    assertThat(image.platforms()).containsExactly(AMD64, ARM64);
    assertThat(image.platform()).isEqualTo(Platform.current());
    assertThat(image.digest()).isEqualTo(Platform.current().equals(ARM64) ? oci.manifestDigests.get(1)
        : oci.manifestDigests.get(0));
    assertThat(registryOrigin(image).flatMap(RegistryOrigin::indexDigest)).contains(oci.indexDigest);
  }

  @Test
  void forPlatformReadsEachPlatformsManifestConfigAndLayers() {
    ContainerImage image = ContainerImage.fromRegistry(base + ":oci");

    ContainerImage amd = image.forPlatform(AMD64);
    ContainerImage arm = image.forPlatform(ARM64);

    assertThat(amd.digest()).isEqualTo(oci.manifestDigests.get(0));
    assertThat(amd.id()).isEqualTo(amd64.id());
    assertThat(amd.platform()).isEqualTo(AMD64);
    assertThat(amd.filesystem().readString("/etc/os-release")).isEqualTo("ID=podarmor-amd64\n");
    assertThat(arm.digest()).isEqualTo(oci.manifestDigests.get(1));
    assertThat(arm.id()).isEqualTo(arm64.id());
    assertThat(arm.platform()).isEqualTo(ARM64);
    assertThat(arm.platforms()).containsExactly(AMD64, ARM64);
    assertThat(arm.config().user()).isEqualTo("65532");
    assertThat(arm.filesystem().readString("/etc/os-release")).isEqualTo("ID=podarmor-arm64\n"); // zstd layers
    assertThat(arm.filesystem().get("/app/run")).hasValueSatisfying(e -> assertThat(e.size()).isEqualTo(7));
    RegistryOrigin origin = registryOrigin(arm).orElseThrow();
    assertThat(origin.manifestDigest()).isEqualTo(oci.manifestDigests.get(1));
    assertThat(origin.indexDigest()).contains(oci.indexDigest);
    assertThat(origin.reference().toString()).isEqualTo(base + ":oci@" + oci.manifestDigests.get(1));
  }

  @Test
  void aPlatformTheIndexDoesNotHaveFailsListingTheChoices() {
    ContainerImage image = ContainerImage.fromRegistry(base + ":oci");

    assertThatThrownBy(() -> image.forPlatform(Platform.parse("linux/s390x")))
        .isInstanceOf(ImageException.class)
        .hasMessage(base + ":oci has no image for platform linux/s390x; it has: " + oci.manifestDigests.get(0)
            + " (linux/amd64), " + oci.manifestDigests.get(1) + " (linux/arm64)");
    assertThatThrownBy(() -> image.forPlatform(Platform.parse("unknown/unknown")))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith(base + ":oci has no image for platform unknown/unknown; it has: ");
  }

  @Test
  void anIndexWithoutTheHostsPlatformGivesItsFirstAndForPlatformTheOthers() {
    TestImage riscv = platformImage("riscv64");
    TestImage mips = platformImage("mips64le");
    TestIndex.Pushed foreign = TestIndex.create()
        .image(riscv, TestImage.Compression.GZIP)
        .image(mips, TestImage.Compression.GZIP)
        .pushTo(registry, REPO, "foreign");

    ContainerImage image = ContainerImage.fromRegistry(base + ":foreign");

    assertThat(image.platform()).isEqualTo(Platform.parse("linux/riscv64"));
    assertThat(image.digest()).isEqualTo(foreign.manifestDigests.get(0));
    assertThat(image.platforms()).containsExactly(Platform.parse("linux/riscv64"), Platform.parse("linux/mips64le"));
    assertThat(image.forPlatform(Platform.parse("linux/mips64le")).id()).isEqualTo(mips.id());
  }

  @Test
  void byDigestOfTheIndexOrOfOnePlatformsManifest() {
    ContainerImage index = ContainerImage.fromRegistry(base + "@" + oci.indexDigest);
    ContainerImage arm = ContainerImage.fromRegistry(base + "@" + oci.manifestDigests.get(1));

    assertThat(index.platforms()).containsExactly(AMD64, ARM64);
    assertThat(index.forPlatform(ARM64).digest()).isEqualTo(oci.manifestDigests.get(1));
    assertThat(arm.digest()).isEqualTo(oci.manifestDigests.get(1));
    assertThat(arm.platforms()).containsExactly(ARM64);
    assertThat(registryOrigin(arm).orElseThrow().indexDigest()).isEmpty();
    assertThat(arm.forPlatform(ARM64)).isSameAs(arm);
    assertThatThrownBy(() -> arm.forPlatform(AMD64))
        .isInstanceOf(ImageException.class)
        .hasMessage(base + "@" + oci.manifestDigests.get(1) + " is an image for linux/arm64 only (a manifest, not"
            + " an index), so linux/amd64 is not available");
  }

  @Test
  void dockerManifestListAndDockerV2Manifests() {
    TestIndex.Pushed docker = TestIndex.create().format(TestManifest.Format.DOCKER)
        .image(amd64, TestImage.Compression.GZIP)
        .image(arm64, TestImage.Compression.NONE)
        .pushTo(registry, REPO, "docker");

    ContainerImage image = ContainerImage.fromRegistry(base + ":docker");

    assertThat(docker.indexMediaType).isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(image.platforms()).containsExactly(AMD64, ARM64);
    ContainerImage arm = image.forPlatform(ARM64);
    assertThat(arm.digest()).isEqualTo(docker.manifestDigests.get(1));
    assertThat(arm.id()).isEqualTo(arm64.id());
    assertThat(arm.filesystem().readString("/etc/os-release")).isEqualTo("ID=podarmor-arm64\n");
    assertThat(image.forPlatform(AMD64).filesystem().readString("/etc/os-release"))
        .isEqualTo("ID=podarmor-amd64\n");
  }

  @Test
  void aSingleDockerManifestByTag() {
    String digest = registry.push(REPO, "docker-single",
        TestManifest.of(amd64, TestImage.Compression.GZIP, TestManifest.Format.DOCKER));

    ContainerImage image = ContainerImage.fromRegistry(base + ":docker-single");

    assertThat(image.digest()).isEqualTo(digest);
    assertThat(image.platforms()).containsExactly(AMD64);
    assertThat(image.filesystem().readString("/etc/os-release")).isEqualTo("ID=podarmor-amd64\n");
  }

  @Test
  void anImagePushedBySkopeoAsDockerV2s2(@TempDir Path tmp) throws Exception {
    TestImage image = platformImage("amd64").label("pushed-by", "skopeo");
    Path layout = image.writeOciLayout(tmp.resolve("layout"));
    Process skopeo = new ProcessBuilder("skopeo", "copy", "--quiet", "--format", "v2s2", "--dest-tls-verify=false",
        "oci:" + layout + ":" + "amd64", "docker://" + base + ":skopeo").redirectErrorStream(true).start();
    String output = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(skopeo.waitFor()).as(output).isZero();

    ContainerImage pushed = ContainerImage.fromRegistry(base + ":skopeo");

    assertThat(pushed.id()).isEqualTo(image.id());
    assertThat(pushed.config().labels()).containsEntry("pushed-by", "skopeo");
    assertThat(pushed.filesystem().readString("/etc/os-release")).isEqualTo("ID=podarmor-amd64\n");
  }

  @Test
  void anUnknownLayerMediaTypeFailsWhenTheFilesystemIsRead() {
    // a config of its own: a filesystem already indexed under the same image ID would not be read again
    TestImage image = platformImage("amd64").label("podarmor.test", "unknown-layer");
    TestManifest manifest = TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI,
        "application/vnd.example.unknown");
    registry.push(REPO, "unknown-layer", manifest);

    ContainerImage fromRegistry = ContainerImage.fromRegistry(base + ":unknown-layer");

    assertThatThrownBy(fromRegistry::filesystem)
        .isInstanceOf(ImageException.class)
        .hasMessage("layer 1 (" + manifest.layerDigests().get(0) + ") of " + base + ":unknown-layer: unknown layer"
            + " media type 'application/vnd.example.unknown', expected an OCI or Docker layer:"
            + " application/vnd.oci.image.layer.v1.tar[+gzip|+zstd] or application/vnd.docker.image.rootfs.diff.tar[.gzip|.zstd]");
  }

  @Test
  void aMissingTagOrRepositoryIsNotFoundNamingTheReference() {
    assertThatThrownBy(() -> ContainerImage.fromRegistry(base + ":nope"))
        .isInstanceOf(ImageException.class)
        .hasMessage("Not found: " + base + ":nope: registry " + registry.host() + " has no manifest 'nope' in"
            + " repository " + REPO + " (404 Not Found: MANIFEST_UNKNOWN: manifest unknown)");
    assertThatThrownBy(() -> ContainerImage.fromRegistry(registry.host() + "/podarmor-test-reg/never-pushed:1"))
        .isInstanceOf(ImageException.class)
        .hasMessage("Not found: " + registry.host() + "/podarmor-test-reg/never-pushed:1: registry "
            + registry.host() + " has no manifest '1' in repository podarmor-test-reg/never-pushed (404 Not Found:"
            + " MANIFEST_UNKNOWN: manifest unknown)");
  }

  @Test
  void anUnreachableRegistryFailsFast() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();

    assertThatThrownBy(() -> ContainerImage.fromRegistry("127.0.0.1:" + port + "/podarmor-test-reg/x:1"))
        .isInstanceOf(ImageException.class)
        .hasMessage("Cannot reach registry 127.0.0.1:" + port + " for 127.0.0.1:" + port + "/podarmor-test-reg/x:1:"
            + " connection refused (http://127.0.0.1:" + port + "/v2/podarmor-test-reg/x/manifests/1)");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
  }

  @Test
  void anInvalidReferenceSaysWhatIsExpected() {
    assertThatThrownBy(() -> ContainerImage.fromRegistry("127.0.0.1:5000/Podarmor-Test-Reg/x:1"))
        .isInstanceOf(ImageException.class)
        .hasMessage("Invalid image reference '127.0.0.1:5000/Podarmor-Test-Reg/x:1': repository name must be"
            + " lowercase; expected [registry[:port]/]repository[:tag][@sha256:<64 hex digits>], e.g."
            + " ghcr.io/acme/api:1.4.2");
  }

  @Test
  void ofTakesTheEnginesImageFirstThenTheRegistrys() {
    String reference = base + ":of";
    TestImage inRegistry = platformImage("amd64").label("where", "registry");
    String digest = registry.push(REPO, "of", TestManifest.of(inRegistry, TestImage.Compression.GZIP,
        TestManifest.Format.OCI));
    TestImage inEngine = TestImage.named(reference).label("where", "engine")
        .layer(Layer.create().file("/engine", "1", 0644));
    inEngine.removeFromDocker();

    ContainerImage fromRegistry = ContainerImage.of(reference);
    assertThat(fromRegistry.digest()).isEqualTo(digest);
    assertThat(fromRegistry.config().labels()).containsEntry("where", "registry");
    assertThat(registryOrigin(fromRegistry)).isPresent();

    try {
      inEngine.loadIntoDocker();
      ContainerImage fromEngine = ContainerImage.of(reference);
      assertThat(fromEngine.id()).isEqualTo(inEngine.id());
      assertThat(fromEngine.config().labels()).containsEntry("where", "engine");
      assertThat(registryOrigin(fromEngine)).isEmpty();
    } finally {
      inEngine.removeFromDocker();
    }
  }

  @Test
  void ofSaysWhatTheEngineAndTheRegistryAnswered() {
    assertThatThrownBy(() -> ContainerImage.of(base + ":nowhere"))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith("Cannot find image " + base + ":nowhere: it is not in the local Docker engine (")
        .hasMessageEndingWith("), and the registry failed: Not found: " + base + ":nowhere: registry "
            + registry.host() + " has no manifest 'nowhere' in repository " + REPO
            + " (404 Not Found: MANIFEST_UNKNOWN: manifest unknown)");
  }

  @Test
  void theFilesystemIsIndexedOncePerImageId() {
    ContainerImage a = ContainerImage.fromRegistry(base + ":oci").forPlatform(AMD64);
    ContainerImage b = ContainerImage.fromRegistry(base + "@" + oci.manifestDigests.get(0));

    assertThat(b.filesystem().entries()).isSameAs(a.filesystem().entries());
    assertThat(List.of(a.id(), b.id())).containsOnly(amd64.id());
  }

  private static java.util.Optional<RegistryOrigin> registryOrigin(ContainerImage image) {
    return ImageFacts.of(image).origin() instanceof Origin.Registry registry
        ? java.util.Optional.of(registry.registry()) : java.util.Optional.empty();
  }
}
