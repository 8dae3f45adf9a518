package io.podarmor.internal.source;

import io.podarmor.internal.oci.Json;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads an OCI image layout directory: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}. Opening it
 * reads and verifies the index, manifest and config, and checks that every layer blob is there with a known media
 * type and the size the manifest gives; the layers themselves are read (and verified) when the filesystem is first
 * asked for.
 */
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

  /** A layer checked at open time: where its blob is and how it is compressed. */
  private ContainerImage image(Platform wanted, boolean explicit) {
    if (!Files.isDirectory(dir)) {
      throw new ImageException("No OCI image layout at " + dir + ": "
          + (Files.exists(dir) ? "not a directory" : "no such directory"));
    }
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw new ImageException(reference + " is not an OCI image layout: it has no oci-layout file");
    }
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      throw new ImageException(reference + " is not an OCI image layout: it has no index.json");
    }
    String indexWhat = reference + "/index.json";
    JsonNode index = Json.parse(read(dir.resolve("index.json"), indexWhat), indexWhat);
    List<Descriptor> manifests = IndexSelector.manifests(index,
        digest -> blob(digest, "index " + digest + " of " + reference), indexWhat);
    List<Platform> platforms = IndexSelector.platforms(manifests);
    Descriptor chosen = IndexSelector.select(manifests, wanted, explicit, reference);

    String manifestWhat = "manifest " + chosen.digest() + " of " + reference;
    Manifest manifest = Manifest.parse(Json.parse(blob(chosen.digest(), manifestWhat), manifestWhat), chosen.digest(),
        manifestWhat).requireImage(manifestWhat);
    String configWhat = "config " + manifest.config().digest() + " of " + reference;
    ParsedConfig config = ParsedConfig.parse(blob(manifest.config().digest(), configWhat), configWhat);
    if (explicit && !wanted.matches(config.platform)) {
      throw new ImageException(reference + " has no image for platform " + wanted + "; its only image, "
          + chosen.digest() + ", is for " + config.platform);
    }
    if (config.diffIds.size() != manifest.layers().size()) {
      throw new ImageException(manifestWhat + " lists " + manifest.layers().size() + " layers but its config has "
          + config.diffIds.size() + " diff IDs");
    }
    List<LayerIndexer.Blob> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor d = manifest.layers().get(i);
      String what = "layer " + (i + 1) + " (" + d.digest() + ") of " + reference;
      Compression compression = Compression.forLayerMediaType(d.mediaType(), what); // an unknown type fails at open
      Path path = blobPath(d, what);
      layers.add(new LayerIndexer.Blob(what, d.digest(), compression, config.diffIds.get(i),
          () -> Files.newInputStream(path), false));
    }
    Supplier<ImageFilesystem> fs = () -> LayerIndexer.index(reference, layers);
    return new LoadedImage(reference, manifest.digest(), config.digest, config.platform,
        platforms.isEmpty() ? List.of(config.platform) : platforms, () -> config.config, fs,
        p -> open(dir, p, true), new Origin.Layout(new LayoutOrigin(dir, manifest.digest(), chosen.parentIndex())));
  }

  /** A JSON blob (index, manifest, config), read whole and verified against its digest. */
  private byte[] blob(String digest, String what) {
    Path path = blobPath(digest, what);
    byte[] bytes = read(path, what);
    String actual = Digests.sha256(bytes);
    if (!actual.equals(digest)) {
      throw new ImageException("Digest mismatch for " + what + ": the content has digest " + actual);
    }
    return bytes;
  }

  /** A layer blob's path, checked to exist with the size its descriptor gives (when it gives one). */
  private Path blobPath(Descriptor d, String what) {
    Path path = blobPath(d.digest(), what);
    try {
      long size = Files.size(path);
      if (d.size() >= 0 && size != d.size()) {
        throw new ImageException(what + ": the manifest gives size " + d.size() + " but blobs/sha256/"
            + Digests.hex(d.digest()) + " has " + size + " bytes (truncated or replaced)");
      }
    } catch (IOException e) {
      throw new ImageException("Cannot read " + what + " (" + e.getMessage() + ")", e);
    }
    return path;
  }

  private Path blobPath(String digest, String what) {
    Path path = dir.resolve("blobs").resolve("sha256").resolve(Digests.hex(Digests.requireSha256(digest, what)));
    if (!Files.isRegularFile(path)) {
      throw new ImageException(what + " is missing: the layout has no blobs/sha256/" + Digests.hex(digest));
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
