package io.podarmor.internal.registry;

import io.podarmor.internal.oci.Json;

import io.podarmor.internal.oci.Descriptor;

import io.podarmor.internal.oci.CosignTags;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.blob.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small client for the OCI distribution API: manifests and indexes by tag or digest (OCI and Docker media types,
 * bytes and digest verified), blobs streamed and verified, referrers (the OCI 1.1 API, else the
 * {@code sha256-<hex>} tag-schema fallback) and tag lists. Authentication, retries and redirects are handled
 * underneath (see {@link RegistryOptions}); every failure is an {@link ImageException} naming the reference.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.shared();
 * ImageReference ref = ImageReference.parse("ghcr.io/acme/api:1.4.2");
 * RegistryManifest index = client.manifest(ref);
 * Referrers sigs = client.referrers(ref, index.digest(), "application/vnd.dev.sigstore.bundle.v0.3+json");
 * }</pre>
 */
public final class RegistryClient {
  /** What {@link #manifest} accepts: OCI index and manifest, Docker manifest list and v2 manifest. */
  public static final List<String> MANIFEST_TYPES = List.of(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
      MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
  /** The largest manifest accepted; registries themselves refuse more than 4 MiB. */
  public static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  private static final int MAX_TAG_PAGES = 100;
  private static final int CACHED_MANIFESTS = 256;
  private static volatile RegistryClient shared;

  private final RegistryHttp http;
  private final Map<String, RegistryManifest> byDigest = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RegistryManifest> eldest) {
      return size() > CACHED_MANIFESTS;
    }
  };

  public RegistryClient(RegistryOptions options) {
    this.http = new RegistryHttp(options);
  }

  /** The client with {@link RegistryOptions#defaults()}, shared by the whole JVM (tokens and credentials cached). */
  public static RegistryClient shared() {
    RegistryClient c = shared;
    if (c == null) {
      synchronized (RegistryClient.class) {
        c = shared;
        if (c == null) {
          c = new RegistryClient(RegistryOptions.defaults());
          shared = c;
        }
      }
    }
    return c;
  }

  public RegistryOptions options() {
    return http.options();
  }

  /** The manifest or index {@code ref} names: by its digest when it has one, else by its tag. */
  public RegistryManifest manifest(ImageReference ref) {
    return manifest(ref, ref.tagOrDigest());
  }

  /**
   * A manifest or index of {@code ref}'s repository by tag or digest.
   *
   * @throws ImageException when it is missing (naming the reference), unreadable, or its digest does not match
   */
  public RegistryManifest manifest(ImageReference ref, String tagOrDigest) {
    return fetchManifest(ref, tagOrDigest, false).orElseThrow();
  }

  /** Like {@link #manifest(ImageReference, String)}, but empty when the registry answers 404. */
  public Optional<RegistryManifest> findManifest(ImageReference ref, String tagOrDigest) {
    return fetchManifest(ref, tagOrDigest, true);
  }

  private Optional<RegistryManifest> fetchManifest(ImageReference ref, String tagOrDigest, boolean allowMissing) {
    boolean byDigestRef = tagOrDigest.startsWith("sha256:");
    ImageReference pinnedRef = byDigestRef ? ref.withDigest(tagOrDigest) : ref.withTag(tagOrDigest);
    String target = byDigestRef ? "manifest " + tagOrDigest : "manifest '" + tagOrDigest + "'";
    String cacheKey = ref.registry() + "/" + ref.repository() + "@" + tagOrDigest;
    if (byDigestRef) {
      Digests.requireSha256(tagOrDigest, "digest of " + ref);
      synchronized (byDigest) {
        RegistryManifest cached = byDigest.get(cacheKey);
        if (cached != null) {
          return Optional.of(cached);
        }
      }
    }
    RegistryHttp.Response response = http.get(ref, "/v2/" + ref.repository() + "/manifests/" + tagOrDigest,
        MANIFEST_TYPES, target);
    if (response.status == 404 && allowMissing) {
      response.close();
      return Optional.empty();
    }
    if (!response.ok()) {
      throw http.fail(response, pinnedRef, target);
    }
    String what = target + " of " + pinnedRef;
    byte[] bytes = response.bytes(MAX_MANIFEST_BYTES, what);
    String digest = Digests.sha256(bytes);
    if (byDigestRef && !digest.equals(tagOrDigest)) {
      throw new ImageException("Digest mismatch for " + what + ": the registry sent content with digest " + digest);
    }
    String header = response.header("Docker-Content-Digest").orElse(null);
    if (!byDigestRef && header != null && Digests.isSha256(header) && !header.equals(digest)) {
      throw new ImageException("Digest mismatch for " + what + ": the registry says " + header
          + " but the content has digest " + digest);
    }
    JsonNode json = Json.readObject(bytes, what);
    String mediaType = json.hasNonNull("mediaType") ? json.get("mediaType").asText()
        : contentType(response.header("Content-Type").orElse(null));
    if (json.path("schemaVersion").asInt(2) == 1
        || (mediaType != null && mediaType.startsWith("application/vnd.docker.distribution.manifest.v1"))) {
      throw new ImageException(what + " is a Docker schema 1 manifest, which PodArmor does not read (deprecated"
          + " since 2017); push the image again with a current client");
    }
    RegistryManifest manifest = new RegistryManifest(pinnedRef.withDigest(digest), mediaType,
        digest, bytes, json);
    synchronized (byDigest) {
      byDigest.put(ref.registry() + "/" + ref.repository() + "@" + digest, manifest);
    }
    return Optional.of(manifest);
  }

  /**
   * A blob, streamed: the stream fails with an {@link ImageException} at its end when the content does not have
   * {@code digest} (or {@code size}, unless it is -1). Close it.
   *
   * @param what names the blob in errors, e.g. {@code layer 2 (sha256:…) of ghcr.io/acme/api:1}
   */
  public InputStream blob(ImageReference ref, String digest, long size, String what) {
    Digests.requireSha256(digest, what);
    String target = "blob " + digest;
    RegistryHttp.Response response = http.get(ref, "/v2/" + ref.repository() + "/blobs/" + digest, List.of(),
        target);
    if (!response.ok()) {
      throw http.fail(response, ref, target);
    }
    return new VerifiedBlobStream(response.body, digest, size, what);
  }

  /** A small blob (a config, a signature payload) read whole and verified; larger than {@code max} fails. */
  public byte[] blobBytes(ImageReference ref, String digest, long size, long max, String what) {
    if (size > max) {
      throw new ImageException(what + " is " + size + " bytes, more than the " + max + " PodArmor reads");
    }
    try (InputStream in = blob(ref, digest, size, what)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new ImageException(what + " is larger than the " + max + " bytes PodArmor reads");
      }
      ((VerifiedBlobStream) in).verify();
      return bytes;
    } catch (IOException e) {
      throw new ImageException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * The manifests that name {@code digest} as their subject: from {@code GET /v2/<name>/referrers/<digest>}, or,
   * when the registry has no referrers API (404, 400, 405, 406, or no OCI index in answer), from the index tagged
   * {@code sha256-<hex>}; none when that tag does not exist either.
   *
   * @param artifactType only referrers of this artifact type, or {@code null} for all
   */
  public Referrers referrers(ImageReference ref, String digest, String artifactType) {
    Digests.requireSha256(digest, "subject digest for referrers of " + ref);
    String target = "referrers of " + digest;
    String path = "/v2/" + ref.repository() + "/referrers/" + digest
        + (artifactType == null ? "" : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8));
    RegistryHttp.Response response = http.get(ref, path, List.of(MediaTypes.OCI_INDEX), target);
    int status = response.status;
    if (response.ok() && MediaTypes.OCI_INDEX.equals(contentType(response.header("Content-Type").orElse(null)))) {
      String what = target + " of " + ref;
      boolean filtered = response.header("OCI-Filters-Applied").map(h -> h.contains("artifactType")).orElse(false);
      JsonNode index = Json.readObject(response.bytes(MAX_MANIFEST_BYTES, what), what);
      return new Referrers(digest, filter(Descriptor.parseAll(Json.array(index, "manifests", what, ""), what), artifactType, filtered),
          Referrers.Source.REFERRERS_API);
    }
    if (!response.ok() && status != 404 && status != 400 && status != 405 && status != 406) {
      throw http.fail(response, ref, target);
    }
    response.close();
    String tag = CosignTags.of(digest);
    Optional<RegistryManifest> fallback = findManifest(ref, tag);
    if (fallback.isEmpty()) {
      return new Referrers(digest, List.of(), Referrers.Source.FALLBACK_TAG);
    }
    RegistryManifest index = fallback.get();
    if (!index.isIndex()) {
      throw new ImageException("The referrers tag " + tag + " of " + ref.repositoryName() + " holds a "
          + index.mediaType() + ", expected an OCI index of referrers");
    }
    String what = "referrers index " + ref.withTag(tag);
    return new Referrers(digest, filter(Descriptor.parseAll(Json.array(index.json(), "manifests", what, ""), what), artifactType, false),
        Referrers.Source.FALLBACK_TAG);
  }

  /** Every tag of the repository, following the registry's pagination. */
  public List<String> tags(ImageReference ref) {
    List<String> tags = new ArrayList<>();
    String path = "/v2/" + ref.repository() + "/tags/list?n=1000";
    String target = "tag list";
    for (int page = 0; path != null; page++) {
      if (page >= MAX_TAG_PAGES) {
        throw new ImageException("Registry " + ref.registry() + " lists more than " + MAX_TAG_PAGES
            + " pages of tags for " + ref.repositoryName());
      }
      RegistryHttp.Response response = http.get(ref, path, List.of("application/json"), target);
      if (!response.ok()) {
        throw http.fail(response, ref, target);
      }
      String next = response.header("Link").map(RegistryClient::nextLink).orElse(null);
      String what = target + " of " + ref.repositoryName();
      JsonNode json = Json.readObject(response.bytes(MAX_MANIFEST_BYTES, what), what);
      JsonNode list = json.get("tags");
      if (list != null && list.isArray()) {
        list.forEach(t -> tags.add(t.asText()));
      }
      path = next == null ? null : relative(next, ref);
    }
    return tags;
  }

  private static List<Descriptor> filter(List<Descriptor> all, String artifactType, boolean filtered) {
    if (artifactType == null || filtered) {
      return all;
    }
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : all) {
      if (artifactType.equals(d.artifactType())) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * The target of the first {@code <…>; rel="next"} in a {@code Link} header, as the pattern
   * {@code <([^>]+)>\s*;\s*rel="?next"?} finds it, in one pass: every {@code <} before a {@code >} shares what follows
   * it, where the pattern tried it again from each (a registry's header of many {@code <} took quadratic time).
   */
  static String nextLink(String header) {
    int from = 0;
    while (true) {
      int open = header.indexOf('<', from);
      int close = open < 0 ? -1 : header.indexOf('>', open + 1);
      if (close < 0) {
        return null;
      }
      if (close > open + 1 && relNext(header, close + 1)) {
        return header.substring(open + 1, close);
      }
      from = close + 1;
    }
  }

  /** {@code \s*;\s*rel="?next} at {@code at}. */
  private static boolean relNext(String header, int at) {
    int i = skipSpace(header, at);
    if (i == header.length() || header.charAt(i) != ';') {
      return false;
    }
    i = skipSpace(header, i + 1);
    if (!header.startsWith("rel=", i)) {
      return false;
    }
    i += 4;
    if (i < header.length() && header.charAt(i) == '"') {
      i++;
    }
    return header.startsWith("next", i);
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static String relative(String link, ImageReference ref) {
    URI uri = ref.baseUri().resolve(link);
    if (!uri.getHost().equalsIgnoreCase(ref.baseUri().getHost()) || uri.getPort() != ref.baseUri().getPort()) {
      throw new ImageException("Registry " + ref.registry() + " paginates tags of " + ref.repositoryName()
          + " to another host: " + link);
    }
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static String contentType(String header) {
    if (header == null) {
      return null;
    }
    int semi = header.indexOf(';');
    String type = (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.isEmpty() ? null : type;
  }
}
