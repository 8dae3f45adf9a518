package io.podarmor.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.MergedFilesystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads an OCI image layout directory: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}. */
final class OciLayoutSource {
  private static final long MAX_JSON_BLOB = 16L * 1024 * 1024;

  private final Path dir;
  private final String reference;

  private OciLayoutSource(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.reference = "oci:" + this.dir;
  }

  static ContainerImage open(Path dir, Platform wanted, boolean explicit) {
    return new OciLayoutSource(dir).image(wanted, explicit);
  }

  private ContainerImage image(Platform wanted, boolean explicit) {
    if (!Files.isDirectory(dir)) {
      throw new ImageException("No OCI image layout at " + dir + ": "
          + (Files.exists(dir) ? "not a directory" : "no such directory"));
    }
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw new ImageException(reference + " is not an OCI image layout: it has no oci-layout file");
    }
    byte[] indexBytes = read(dir.resolve("index.json"), reference + "/index.json");
    JsonNode index = Json.parse(indexBytes, reference + "/index.json");
    List<Descriptor> manifests = IndexSelector.manifests(index, this::blob, reference + "/index.json");
    List<Platform> platforms = IndexSelector.platforms(manifests);
    Descriptor chosen = IndexSelector.select(manifests, wanted, explicit, reference);

    String manifestWhat = "manifest " + chosen.digest + " of " + reference;
    Manifest manifest = Manifest.parse(Json.parse(blob(chosen.digest), manifestWhat), chosen.digest, manifestWhat);
    String configWhat = "config " + manifest.config.digest + " of " + reference;
    ParsedConfig config = ParsedConfig.parse(blob(manifest.config.digest), configWhat);
    if (explicit && !wanted.matches(config.platform)) {
      throw new ImageException(reference + " has no image for platform " + wanted + "; its only image, "
          + chosen.digest + ", is for " + config.platform);
    }
    if (config.diffIds.size() != manifest.layers.size()) {
      throw new ImageException(manifestWhat + " lists " + manifest.layers.size() + " layers but its config has "
          + config.diffIds.size() + " diff IDs");
    }
    Supplier<ImageFilesystem> fs = () -> ImageCache.filesystem(config.digest, reference, () -> index(manifest, config));
    return new LoadedImage(reference, manifest.digest, config.digest, config.platform,
        platforms.isEmpty() ? List.of(config.platform) : platforms, () -> config.config, ImageCache.memoize(fs),
        p -> open(dir, p, true));
  }

  private MergedFilesystem index(Manifest manifest, ParsedConfig config) {
    List<Supplier<LayerLoader.Result>> tasks = new ArrayList<>();
    for (int i = 0; i < manifest.layers.size(); i++) {
      Descriptor layer = manifest.layers.get(i);
      String what = "layer " + (i + 1) + " (" + layer.digest + ") of " + reference;
      String diffId = config.diffIds.get(i);
      tasks.add(() -> {
        Compression compression = Compression.forLayerMediaType(layer.mediaType, what);
        Path path = blobPath(layer.digest, what);
        LayerLoader.Result result;
        try (InputStream in = Files.newInputStream(path)) {
          result = LayerLoader.load(in, compression, what);
        } catch (IOException e) {
          throw new ImageException(what + ": cannot read " + path + " (" + e.getMessage() + ")", e);
        }
        if (!result.blobDigest.equals(layer.digest)) {
          throw new ImageException("Digest mismatch for " + what + ": the blob's content has digest "
              + result.blobDigest);
        }
        if (!result.diffId.equals(diffId)) {
          throw new ImageException("Digest mismatch for " + what + ": the config gives diff ID " + diffId
              + " but the uncompressed layer has digest " + result.diffId);
        }
        return result;
      });
    }
    List<LayerLoader.Result> layers = LayerPool.all(tasks);
    FilesystemMerger merger = new FilesystemMerger(reference);
    for (int i = 0; i < layers.size(); i++) {
      merger.apply(layers.get(i).index, i + 1, config.diffIds.get(i));
    }
    return merger.build();
  }

  private byte[] blob(String digest) {
    String what = "blob " + digest + " of " + reference;
    Path path = blobPath(digest, what);
    byte[] bytes = read(path, what);
    String actual = Digests.sha256(bytes);
    if (!actual.equals(digest)) {
      throw new ImageException("Digest mismatch for " + what + ": the content has digest " + actual);
    }
    return bytes;
  }

  private Path blobPath(String digest, String what) {
    Path path = dir.resolve("blobs").resolve("sha256").resolve(Digests.hex(Digests.requireSha256(digest, what)));
    if (!Files.isRegularFile(path)) {
      throw new ImageException(what + " is missing: no file blobs/sha256/" + Digests.hex(digest) + " in "
          + reference);
    }
    return path;
  }

  private static byte[] read(Path path, String what) {
    try {
      if (Files.size(path) > MAX_JSON_BLOB) {
        throw new ImageException(what + " is larger than " + MAX_JSON_BLOB + " bytes: not a JSON document");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ImageException(what + " is missing (" + path + ")", e);
    } catch (IOException e) {
      throw new ImageException("Cannot read " + what + " (" + e.getMessage() + ")", e);
    }
  }
}
