package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.internal.docker.Docker;
import io.podarmor.testing.ImageLayouts;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestImage.Compression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails with an {@link ImageException} that names the input and what was expected, and nothing about
 * the image can be read from it: a failed read is never cached, so every later check fails the same way.
 */
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private String testName;

  @BeforeEach
  void name(TestInfo info) {
    testName = info.getTestClass().orElseThrow().getSimpleName() + "." + info.getDisplayName();
  }

  /** A small valid image; the label keeps its ID (the cache key) apart from every other test's. */
  private TestImage image() {
    return TestImage.named("podarmor-test-foundation/bad:1").label("test", testName)
        .layer(Layer.create().dir("/usr/bin", 0755).file("/usr/bin/passwd", "passwd-binary", 04755))
        .layer(Layer.create().file("/usr/bin/passwd", "passwd-binary", 0755));
  }

  private static final String EXPECTED_LAYER_TYPES = "an OCI or Docker layer: "
      + "application/vnd.oci.image.layer.v1.tar[+gzip|+zstd] or application/vnd.docker.image.rootfs.diff.tar[.gzip|.zstd]";

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private static void assertFailsEveryTime(Supplier<?> read, String message) {
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(read::get).isInstanceOf(ImageException.class).hasMessage(message);
    }
  }

  @Nested
  class MissingInput {
    @Test
    void anImageTheEngineDoesNotHave() {
      assertFailsEveryTime(() -> ContainerImage.fromDaemon("podarmor-test-foundation/missing:1"),
          "No such image: podarmor-test-foundation/missing:1 is not in the local Docker engine (" + Docker.host()
              + "); build, load or pull it first");
    }

    @Test
    void aDockerArchivePathThatDoesNotExistOrIsADirectory() {
      Path missing = tmp.resolve("missing.tar");
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(missing),
          "No docker archive at " + missing + ": no such file");
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(tmp),
          "No docker archive at " + tmp + ": not a regular file");
    }

    @Test
    void anOciLayoutPathThatDoesNotExistOrIsNotALayout() throws IOException {
      Path missing = tmp.resolve("missing");
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(missing),
          "No OCI image layout at " + missing + ": no such directory");
      Path file = Files.writeString(tmp.resolve("file"), "x");
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(file),
          "No OCI image layout at " + file + ": not a directory");
      Path empty = Files.createDirectory(tmp.resolve("empty"));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(empty),
          "oci:" + empty + " is not an OCI image layout: it has no oci-layout file");
      Path noIndex = image().writeOciLayout(tmp.resolve("no-index"));
      Files.delete(noIndex.resolve("index.json"));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(noIndex),
          "oci:" + noIndex + " is not an OCI image layout: it has no index.json");
    }
  }

  @Nested
  class TruncatedOrCorrupt {
    @Test
    void aDockerArchiveTruncatedInsideALayer() throws IOException {
      TestImage image = image();
      Path tar = image.writeDockerArchive(tmp.resolve("archive.tar"));
      byte[] bytes = Files.readAllBytes(tar);
      byte[] layer = image.layerTars().get(0);
      int start = indexOf(bytes, layer);
      Path truncated = Files.write(tmp.resolve("truncated.tar"), Arrays.copyOf(bytes, start + 700));
      String firstLayer = TestImage.hex(TestImage.sha256(layer));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(truncated), "docker-archive:" + truncated
          + ": cannot read the archive as docker load would: the archive ends inside the entry " + firstLayer
          + "/layer.tar (" + String.format("%,d", layer.length - 700) + " of its " + String.format("%,d",
              layer.length) + " bytes missing)");
    }

    @Test
    void aDockerArchiveTruncatedBetweenEntries() throws IOException {
      Path tar = image().writeDockerArchive(tmp.resolve("archive.tar"));
      byte[] bytes = Files.readAllBytes(tar);
      // everything but manifest.json (its header, content and the end-of-archive blocks)
      int cut = bytes.length - 1024 - 512 - 512;
      Path truncated = Files.write(tmp.resolve("truncated.tar"), Arrays.copyOf(bytes, cut));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(truncated),
          "docker-archive:" + truncated + " is not an image archive: it has neither manifest.json (docker save) "
              + "nor index.json (OCI); it ends without the tar end-of-archive marker, so it looks truncated");
    }

    @Test
    void aFileThatIsNotATarOrIsEmpty() throws IOException {
      Path text = Files.writeString(tmp.resolve("notes.tar"), "just some text, not a tar archive\n".repeat(40));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(text), "docker-archive:" + text
          + ": cannot read the archive as docker load would: invalid tar header at byte 0: its checksum does not "
          + "match");
      Path empty = Files.write(tmp.resolve("empty.tar"), new byte[0]);
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(empty),
          "docker-archive:" + empty + " is empty or not a tar archive");
    }

    @Test
    void aLayerTarTruncatedInsideAnOciLayout() {
      TestImage image = image().compression(Compression.NONE);
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      byte[] tar = image.layerTars().get(0);
      // cut inside the content of /usr/bin/passwd; the descriptor and digests are made to match the cut blob
      LayoutEdit edit = LayoutEdit.of(layout).replaceLayer(0, Arrays.copyOf(tar, 1024 + 5), true);
      ContainerImage read = ContainerImage.fromOciLayout(layout);
      assertFailsEveryTime(read::filesystem, "layer 1 (" + edit.layerDigest(0) + ") of oci:" + layout
          + ": cannot read the layer as the engine would: the archive ends inside the entry usr/bin/passwd (8 of its"
          + " 13 bytes missing)");
    }

    @Test
    void aCorruptGzipLayer() {
      TestImage image = image();
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      byte[] gzip = TestImage.compress(image.layerTars().get(0), Compression.GZIP);
      for (int i = 20; i < 40; i++) {
        gzip[i] = (byte) 0xff;
      }
      LayoutEdit edit = LayoutEdit.of(layout).replaceLayer(0, gzip, false);
      ContainerImage read = ContainerImage.fromOciLayout(layout);
      assertFailsEveryTime(read::filesystem, "layer 1 (" + edit.layerDigest(0) + ") of oci:" + layout
          + ": cannot decompress the layer as gzip (ZipException: invalid distance code)");
    }

    @Test
    void aGzipLayerWithABadChecksum() {
      TestImage image = image();
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      byte[] gzip = TestImage.compress(image.layerTars().get(0), Compression.GZIP);
      gzip[gzip.length - 8] ^= 0x01;
      LayoutEdit edit = LayoutEdit.of(layout).replaceLayer(0, gzip, false);
      ContainerImage read = ContainerImage.fromOciLayout(layout);
      assertFailsEveryTime(read::filesystem, "layer 1 (" + edit.layerDigest(0) + ") of oci:" + layout
          + ": cannot decompress the layer as gzip (ZipException: Corrupt GZIP trailer)");
    }

    @Test
    void aLayerBlobShorterThanItsDescriptorSays() throws IOException {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      String digest = LayoutEdit.of(layout).layerDigest(0);
      Path blob = layout.resolve("blobs/sha256/" + TestImage.hex(digest));
      byte[] bytes = Files.readAllBytes(blob);
      Files.write(blob, Arrays.copyOf(bytes, bytes.length - 10));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "layer 1 (" + digest + ") of oci:" + layout
          + ": the manifest gives size " + bytes.length + " but blobs/sha256/" + TestImage.hex(digest) + " has "
          + (bytes.length - 10) + " bytes (truncated or replaced)");
    }

    @Test
    void anIndexThatIsNotJson() throws IOException {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      Files.writeString(layout.resolve("index.json"), "{\"manifests\": [");
      assertThatThrownBy(() -> ContainerImage.fromOciLayout(layout)).isInstanceOf(ImageException.class)
          .hasMessageStartingWith("oci:" + layout + "/index.json is not valid JSON (");
    }
  }

  @Nested
  class DigestMismatch {
    @Test
    void aLayerBlobWhoseContentIsNotItsDigestInAnOciLayout() throws IOException {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      String digest = LayoutEdit.of(layout).layerDigest(0);
      Path blob = layout.resolve("blobs/sha256/" + TestImage.hex(digest));
      // same size, other content: a valid gzip of another tar of the same length would do, any change will
      byte[] other = TestImage.compress(Layer.create().dir("/usr/bin", 0755).file("/usr/bin/passwd",
          "passwd-binarx", 04755).toTar(), Compression.GZIP);
      assertThat(other).hasSameSizeAs(Files.readAllBytes(blob));
      Files.write(blob, other);
      ContainerImage read = ContainerImage.fromOciLayout(layout);
      assertFailsEveryTime(read::filesystem, "Digest mismatch for layer 1 (" + digest + ") of oci:" + layout
          + ": the blob's content has digest " + TestImage.sha256(other));
    }

    @Test
    void aLayerWhoseUncompressedContentIsNotItsDiffId() {
      TestImage image = image();
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      byte[] otherTar = Layer.create().file("/usr/bin/passwd", "other", 04755).toTar();
      LayoutEdit edit = LayoutEdit.of(layout).replaceLayer(0, TestImage.compress(otherTar, Compression.GZIP), false);
      ContainerImage read = ContainerImage.fromOciLayout(layout);
      assertFailsEveryTime(read::filesystem, "Digest mismatch for layer 1 (" + edit.layerDigest(0) + ") of oci:"
          + layout + ": the config gives diff ID " + TestImage.sha256(image.layerTars().get(0))
          + " but the uncompressed layer has digest " + TestImage.sha256(otherTar));
    }

    @Test
    void aConfigBlobWhoseContentIsNotItsDigestInAnOciLayout() throws IOException {
      TestImage image = image();
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      Path config = layout.resolve("blobs/sha256/" + TestImage.hex(image.id()));
      String tampered = Files.readString(config).replace("\"User\"", "\"user\"");
      Files.writeString(config, tampered.contains("\"user\"") ? tampered : tampered.replace("{", "{ "));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "Digest mismatch for config " + image.id()
          + " of oci:" + layout + ": the content has digest " + TestImage.sha256(Files.readAllBytes(config)));
    }

    @Test
    void aLayerWhoseUncompressedContentIsNotItsDiffIdInADockerArchive() throws IOException {
      TestImage image = image();
      Path tar = image.writeDockerArchive(tmp.resolve("archive.tar"));
      String name = TestImage.hex(TestImage.sha256(image.layerTars().get(0))) + "/layer.tar";
      byte[] otherTar = Layer.create().file("/usr/bin/passwd", "evil", 04755).toTar();
      Path bad = ArchiveEdit.replaceEntry(tar, name, otherTar, tmp.resolve("bad.tar"));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(bad).filesystem(), "Digest mismatch for layer 1 ("
          + name + ") of docker-archive:" + bad + ": the config gives diff ID "
          + TestImage.sha256(image.layerTars().get(0)) + " but the uncompressed layer has digest "
          + TestImage.sha256(otherTar));
    }

    @Test
    void aConfigWhoseContentIsNotItsNameInADockerArchive() throws IOException {
      TestImage image = image();
      Path tar = image.writeDockerArchive(tmp.resolve("archive.tar"));
      String name = TestImage.hex(image.id()) + ".json";
      byte[] tampered = new String(image.configJson(), StandardCharsets.UTF_8).replace("\"linux\"", "\"Linux\"")
          .getBytes(StandardCharsets.UTF_8);
      Path bad = ArchiveEdit.replaceEntry(tar, name, tampered, tmp.resolve("bad.tar"));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(bad), "Digest mismatch for config " + name
          + " of docker-archive:" + bad + ": expected " + image.id() + " but the content has digest "
          + TestImage.sha256(tampered));
    }

    @Test
    void aLayerBlobWhoseContentIsNotItsDigestInADocker25Archive() throws IOException {
      TestImage image = image();
      Path tar = ImageLayouts.writeDocker25Archive(image, tmp.resolve("docker25.tar"));
      String name = "blobs/sha256/" + TestImage.hex(TestImage.sha256(image.layerTars().get(0)));
      byte[] tampered = image.layerTars().get(0).clone();
      tampered[1024 + 512 + 1] ^= 0x20;
      Path bad = ArchiveEdit.replaceEntry(tar, name, tampered, tmp.resolve("bad.tar"));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(bad).filesystem(), "Digest mismatch for layer 1 ("
          + name + ") of docker-archive:" + bad
          + ": the blob's content has digest " + TestImage.sha256(tampered));
    }
  }

  @Nested
  class MissingBlobs {
    @Test
    void aManifestNamingAMissingLayerBlob() throws IOException {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      String digest = LayoutEdit.of(layout).layerDigest(1);
      Files.delete(layout.resolve("blobs/sha256/" + TestImage.hex(digest)));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "layer 2 (" + digest + ") of oci:" + layout
          + " is missing: the layout has no blobs/sha256/" + TestImage.hex(digest));
    }

    @Test
    void aManifestNamingAMissingConfigBlob() throws IOException {
      TestImage image = image();
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      Files.delete(layout.resolve("blobs/sha256/" + TestImage.hex(image.id())));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "config " + image.id() + " of oci:" + layout
          + " is missing: the layout has no blobs/sha256/" + TestImage.hex(image.id()));
    }

    @Test
    void anIndexNamingAMissingManifest() throws IOException {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      String manifest = TestImage.manifestDigestOf(layout);
      Files.delete(layout.resolve("blobs/sha256/" + TestImage.hex(manifest)));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "manifest " + manifest + " of oci:" + layout
          + " is missing: the layout has no blobs/sha256/" + TestImage.hex(manifest));
    }

    @Test
    void aDockerArchiveManifestNamingAMissingLayer() throws IOException {
      TestImage image = image();
      Path tar = image.writeDockerArchive(tmp.resolve("archive.tar"));
      String layer = TestImage.hex(TestImage.sha256(image.layerTars().get(1))) + "/layer.tar";
      Path bad = ArchiveEdit.removeEntry(tar, layer, tmp.resolve("bad.tar"));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(bad), "docker-archive:" + bad
          + ": the manifest names layer " + layer + ", which is missing from the archive");
    }

    @Test
    void aDockerArchiveManifestNamingAMissingConfig() throws IOException {
      TestImage image = image();
      Path tar = image.writeDockerArchive(tmp.resolve("archive.tar"));
      String config = TestImage.hex(image.id()) + ".json";
      Path bad = ArchiveEdit.removeEntry(tar, config, tmp.resolve("bad.tar"));
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(bad), "docker-archive:" + bad + ": the config "
          + config + " named by the manifest is missing from the archive");
    }
  }

  @Nested
  class UnknownMediaTypes {
    @Test
    void anUnknownLayerMediaTypeInAnOciLayout() {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      LayoutEdit edit = LayoutEdit.of(layout).editManifest(m -> ((ObjectNode) m.get("layers").get(1))
          .put("mediaType", "application/vnd.example.layer.v1+lz4"));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "layer 2 (" + edit.layerDigest(1)
          + ") of oci:" + layout + ": unknown layer media type 'application/vnd.example.layer.v1+lz4', expected "
          + "" + EXPECTED_LAYER_TYPES);
    }

    @Test
    void anUnknownLayerMediaTypeInAnOciArchive() throws IOException {
      TestImage image = image();
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      LayoutEdit edit = LayoutEdit.of(layout).editManifest(m -> ((ObjectNode) m.get("layers").get(0))
          .put("mediaType", "application/vnd.example.layer.v1+lz4"));
      Path tar = ImageLayouts.tarDirectory(layout, tmp.resolve("oci.tar"), List.of());
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(tar), "layer 1 (" + edit.layerDigest(0)
          + ") of docker-archive:" + tar + ": unknown layer media type 'application/vnd.example.layer.v1+lz4', "
          + "expected " + EXPECTED_LAYER_TYPES);
    }

    @Test
    void anUnknownManifestMediaTypeInTheIndex() throws IOException {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      String manifest = TestImage.manifestDigestOf(layout);
      ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
      ((ObjectNode) index.get("manifests").get(0)).put("mediaType", "application/vnd.example.sbom+json");
      Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "oci:" + layout + "/index.json: entry "
          + manifest + " has unknown media type 'application/vnd.example.sbom+json', expected an image manifest "
          + "or index");
    }

    @Test
    void aManifestWhoseConfigIsNotAnImageConfig() {
      Path layout = image().writeOciLayout(tmp.resolve("layout"));
      LayoutEdit edit = LayoutEdit.of(layout).editManifest(m -> ((ObjectNode) m.get("config"))
          .put("mediaType", "application/vnd.example.artifact.config.v1+json"));
      assertFailsEveryTime(() -> ContainerImage.fromOciLayout(layout), "manifest " + edit.manifestDigest()
          + " of oci:" + layout + " has config media type 'application/vnd.example.artifact.config.v1+json', "
          + "expected application/vnd.oci.image.config.v1+json or application/vnd.docker.container.image.v1+json "
          + "(an artifact, not an image?)");
    }
  }

  @Nested
  class EscapingPaths {
    @Test
    void aLayerEntryWhosePathClimbsAboveTheRootStaysAtTheRootAsTheEngineUnpacksIt() {
      // the engine unpacks in a chroot: etc/../../../etc/evil lands at /etc/evil (checked against dockerd)
      TestImage image = TestImage.named("podarmor-test-foundation/bad:1").label("test", testName)
          .layer(Layer.create().file("/etc/ok", "ok", 0644).rawFile("etc/../../../etc/evil", "x", 04755));
      ContainerImage read = ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("layout")));
      assertThat(read.filesystem().get("/etc/evil")).get().extracting(FileEntry::lsMode).isEqualTo("-rwsr-xr-x");
    }

    @Test
    void aHardLinkWhoseTargetClimbsAboveTheRootLinksToThePathAtTheRoot() {
      TestImage image = TestImage.named("podarmor-test-foundation/bad:1").label("test", testName)
          .layer(Layer.create().file("/etc/shadow", "root:*:1::::::\n", 0640)
              .hardlink("/etc/shadow-copy", "../../etc/shadow", 0640));
      ContainerImage read = ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("layout")));
      assertThat(read.filesystem().get("/etc/shadow-copy")).get().extracting(e -> e.hardLinkTarget().orElse(""))
          .isEqualTo("/etc/shadow");
    }

    @Test
    void aHardLinkToAPathNoLayerHas() {
      TestImage image = TestImage.named("podarmor-test-foundation/bad:1").label("test", testName)
          .layer(Layer.create().hardlink("/usr/bin/su", "/usr/bin/nothing"));
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      ContainerImage read = ContainerImage.fromOciLayout(layout);
      String layer = LayoutEdit.of(layout).layerDigest(0);
      assertFailsEveryTime(read::filesystem, "layer 1 (" + layer + ") of oci:" + layout + ": entry 'usr/bin/su' "
          + "(tar header at byte 0) is a hard link to /usr/bin/nothing, which this layer does not have: the engine "
          + "links within the layer being unpacked and refuses it");
    }

    @Test
    void anArchiveEntryClimbingAboveTheRootStaysAtTheRootAsDockerLoadUnpacksIt() throws IOException {
      // docker load unpacks the archive in a chroot: ../manifest.json is its manifest.json
      Path tar = tmp.resolve("escape.tar");
      Files.write(tar, Layer.create().rawFile("../manifest.json", "[]", 0644).toTar());
      assertFailsEveryTime(() -> ContainerImage.fromDockerArchive(tar), "docker-archive:" + tar
          + " manifest.json lists no image");
    }
  }

  @Nested
  class SymlinkLoops {
    @Test
    void aSymlinkLoopFailsEveryLookupThroughIt() {
      TestImage image = TestImage.named("podarmor-test-foundation/bad:1").label("test", testName)
          .layer(Layer.create().symlink("/bin", "/usr/bin").symlink("/usr/bin", "/bin"));
      Path layout = image.writeOciLayout(tmp.resolve("layout"));
      ImageFilesystem fs = ContainerImage.fromOciLayout(layout).filesystem();
      String loop = "oci:" + layout + ": cannot resolve /bin/sh: too many levels of symbolic links "
          + "(a symlink loop at /bin -> /usr/bin)";
      assertFailsEveryTime(() -> fs.resolve("/bin/sh"), loop);
      assertFailsEveryTime(() -> fs.exists("/bin/sh"), loop);
      assertFailsEveryTime(() -> fs.readString("/bin/sh"), loop);
      assertFailsEveryTime(() -> fs.hasContent("/bin/sh"), loop);
    }
  }

  /** Copies a tar, replacing or leaving out one entry. */
  static final class ArchiveEdit {
    private ArchiveEdit() {}

    static Path replaceEntry(Path tar, String name, byte[] content, Path out) throws IOException {
      return copy(tar, name, content, out);
    }

    static Path removeEntry(Path tar, String name, Path out) throws IOException {
      return copy(tar, name, null, out);
    }

    private static Path copy(Path tar, String name, byte[] content, Path out) throws IOException {
      boolean found = false;
      try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar));
          TarArchiveOutputStream o = new TarArchiveOutputStream(Files.newOutputStream(out))) {
        o.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
          byte[] bytes = in.readAllBytes();
          if (e.getName().equals(name)) {
            found = true;
            if (content == null) {
              continue;
            }
            bytes = content;
          }
          e.setSize(bytes.length);
          o.putArchiveEntry(e);
          o.write(bytes);
          o.closeArchiveEntry();
        }
      }
      assertThat(found).as("entry %s in %s", name, tar).isTrue();
      return out;
    }
  }

  /** Rewrites an OCI layout's manifest (and index.json to point at it). */
  static final class LayoutEdit {
    private final Path layout;

    private LayoutEdit(Path layout) {
      this.layout = layout;
    }

    static LayoutEdit of(Path layout) {
      return new LayoutEdit(layout);
    }

    String manifestDigest() {
      return TestImage.manifestDigestOf(layout);
    }

    ObjectNode manifest() {
      try {
        return (ObjectNode) JSON.readTree(blob(manifestDigest()).toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String layerDigest(int i) {
      return manifest().get("layers").get(i).get("digest").asText();
    }

    /** Writes {@code content} as a new blob for layer {@code i}; with {@code fixDiffId}, the config follows. */
    LayoutEdit replaceLayer(int i, byte[] content, boolean fixDiffId) {
      String digest = write(content);
      editManifest(m -> ((ObjectNode) m.get("layers").get(i)).put("digest", digest).put("size", content.length));
      if (fixDiffId) {
        try {
          ObjectNode config = (ObjectNode) JSON.readTree(blob(manifest().get("config").get("digest").asText())
              .toFile());
          ((ArrayNode) config.get("rootfs").get("diff_ids")).set(i, JSON.getNodeFactory().textNode(digest));
          byte[] bytes = JSON.writeValueAsBytes(config);
          String configDigest = write(bytes);
          editManifest(m -> ((ObjectNode) m.get("config")).put("digest", configDigest).put("size", bytes.length));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return this;
    }

    LayoutEdit editManifest(Consumer<ObjectNode> change) {
      try {
        ObjectNode manifest = manifest();
        change.accept(manifest);
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        String digest = write(bytes);
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ((ObjectNode) index.get("manifests").get(0)).put("digest", digest).put("size", bytes.length);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Path blob(String digest) {
      return layout.resolve("blobs/sha256/" + TestImage.hex(digest));
    }

    private String write(byte[] content) {
      String digest = TestImage.sha256(content);
      try {
        Files.write(blob(digest), content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return digest;
    }
  }
}
