package io.podarmor.internal.registry;

import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Digests;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference parsed as docker parses it: {@code [registry[:port]/]repository[:tag][@digest]}. The first
 * path component is the registry when it contains a dot or a colon, is {@code localhost}, or has an upper-case
 * letter; otherwise the registry is Docker Hub ({@code docker.io}) and single-component repositories get the
 * {@code library/} prefix. Without tag and digest the tag is {@code latest}.
 *
 * <pre>{@code
 * ImageReference.parse("alpine").repository()                  // "library/alpine"
 * ImageReference.parse("127.0.0.1:5000/acme/api:1").baseUri()  // http://127.0.0.1:5000
 * }</pre>
 */
public final class ImageReference {
  /** Docker Hub's name in references, and the host its API is served from. */
  public static final String DOCKER_HUB = "docker.io";
  static final String DOCKER_HUB_API = "registry-1.docker.io";
  /** The key Docker Hub credentials are stored under in {@code config.json}. */
  static final String DOCKER_HUB_CREDENTIALS_KEY = "https://index.docker.io/v1/";

  private static final String EXPECTED =
      "expected [registry[:port]/]repository[:tag][@sha256:<64 hex digits>], e.g. ghcr.io/acme/api:1.4.2";
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
          + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-zA-Z=_-]+");
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(?:\\.[0-9]{1,3}){3}");
  private static final int MAX_NAME = 255;

  private final String registry;
  private final String repository;
  private final String tag;
  private final String digest;

  private ImageReference(String registry, String repository, String tag, String digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference.
   *
   * @throws ImageException naming the text and what is expected when it is not a valid reference
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ImageException("An image reference is required, " + EXPECTED);
    }
    String rest = text.trim();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw invalid(text, "'" + digest + "' is not a digest");
      }
      if (!digest.startsWith("sha256:")) {
        throw invalid(text, "digest algorithm '" + digest.substring(0, digest.indexOf(':'))
            + "' is not supported, only sha256");
      }
      if (!Digests.isSha256(digest)) {
        throw invalid(text, "'" + digest + "' is not a sha256 digest (64 lowercase hex digits)");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(text, "'" + tag + "' is not a valid tag (letters, digits, _ . -, at most 128, not starting"
            + " with . or -)");
      }
    }
    String registry = DOCKER_HUB;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(
          first.toLowerCase(java.util.Locale.ROOT))) {
        if (!DOMAIN.matcher(first).matches()) {
          throw invalid(text, "'" + first + "' is not a valid registry host[:port]");
        }
        registry = first;
        path = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (path.isEmpty()) {
      throw invalid(text, "the repository name is empty");
    }
    for (String component : path.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        if (!component.equals(component.toLowerCase(java.util.Locale.ROOT))) {
          throw invalid(text, "repository name must be lowercase");
        }
        throw invalid(text, "'" + component + "' is not a valid repository path component (lowercase letters,"
            + " digits and single separators . _ __ -)");
      }
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (path.length() > MAX_NAME) {
      throw invalid(text, "the repository name is longer than " + MAX_NAME + " characters");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, path, tag, digest);
  }

  private static ImageException invalid(String text, String why) {
    return new ImageException("Invalid image reference '" + text + "': " + why + "; " + EXPECTED);
  }

  /** The registry as written in references: {@code docker.io}, {@code ghcr.io}, {@code 127.0.0.1:5000}. */
  public String registry() {
    return registry;
  }

  /** The repository path, e.g. {@code library/alpine} or {@code acme/api}. */
  public String repository() {
    return repository;
  }

  /** The tag, or {@code null} when the reference has only a digest. */
  public String tag() {
    return tag;
  }

  /** The digest ({@code sha256:…}), or {@code null}. */
  public String digest() {
    return digest;
  }

  /** What to ask the registry for: the digest when there is one (it wins over a tag), else the tag. */
  public String tagOrDigest() {
    return digest != null ? digest : tag;
  }

  /** This repository at another tag, without a digest. */
  public ImageReference withTag(String newTag) {
    if (!TAG.matcher(Objects.requireNonNull(newTag, "tag")).matches()) {
      throw new ImageException("Invalid tag '" + newTag + "' for " + repositoryName());
    }
    return new ImageReference(registry, repository, newTag, null);
  }

  /** This repository pinned to a digest (the tag, if any, is kept for messages). */
  public ImageReference withDigest(String newDigest) {
    return new ImageReference(registry, repository, tag, Digests.requireSha256(newDigest, "digest for "
        + repositoryName()));
  }

  /** The host (and port) the registry API is served from: Docker Hub's is {@code registry-1.docker.io}. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /** True for {@code localhost}, {@code 127.x.x.x} and {@code ::1}: the only registries reached over plain http. */
  public boolean isLoopback() {
    return isLoopbackHost(hostWithoutPort(registry));
  }

  /** {@code http://host:port} for loopback registries, {@code https://host} for everything else, as docker does. */
  public URI baseUri() {
    return URI.create((isLoopback() ? "http://" : "https://") + apiHost());
  }

  /** The key docker stores this registry's credentials under ({@code https://index.docker.io/v1/} for Hub). */
  public String credentialKey() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_CREDENTIALS_KEY : registry;
  }

  /** The repository as docker shows it, without tag or digest: {@code alpine}, {@code ghcr.io/acme/api}. */
  public String repositoryName() {
    if (registry.equals(DOCKER_HUB)) {
      return repository.startsWith("library/") && repository.indexOf('/', 8) < 0 ? repository.substring(8)
          : repository;
    }
    return registry + "/" + repository;
  }

  static boolean isLoopbackHost(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || LOOPBACK_V4.matcher(h).matches();
  }

  static String hostWithoutPort(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return hostPort.substring(0, end + 1);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  /** The familiar form docker prints: {@code alpine:latest}, {@code ghcr.io/acme/api:1@sha256:…}. */
  @Override
  public String toString() {
    return repositoryName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageReference)) {
      return false;
    }
    ImageReference r = (ImageReference) o;
    return registry.equals(r.registry) && repository.equals(r.repository) && Objects.equals(tag, r.tag)
        && Objects.equals(digest, r.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }
}
