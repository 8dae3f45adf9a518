package io.podarmor.supplychain;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An SBOM document: its format, the image digest(s) it describes, its packages, where it was found and what is
 * wrong with it, if anything.
 *
 * <p>Example: {@code Sbom.fromFile(Path.of("target/sbom.spdx.json")).packages()}.
 */
public final class Sbom {
  private final SbomFormat format;
  private final List<String> describedDigests;
  private final List<SbomPackage> packages;
  private final String source;
  private final List<String> problems;
  private final byte[] document;

  /**
   * An SBOM as read from {@code source}; {@code problems} lists the validation failures (empty when valid),
   * {@code document} holds the document's bytes.
   */
  public Sbom(SbomFormat format, List<String> describedDigests, List<SbomPackage> packages, String source,
      List<String> problems, byte[] document) {
    this.format = Objects.requireNonNull(format, "format");
    this.describedDigests = List.copyOf(describedDigests);
    this.packages = packages.stream().sorted().toList();
    this.source = Objects.requireNonNull(source, "source");
    this.problems = List.copyOf(problems);
    this.document = document.clone();
  }

  /**
   * Reads an SPDX 2.3 or CycloneDX 1.4–1.6 JSON file given by the user.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read, is not JSON or is neither format
   */
  public static Sbom fromFile(Path file) {
    return SupplyChainProvider.get().sbomFromFile(file);
  }

  /**
   * A CycloneDX 1.5 BOM of the packages in the image's own package databases (dpkg, apk, rpm), with purls; its
   * metadata component names the image digest.
   *
   * <p>Example: {@code Files.write(out, Sbom.of(image).document())}.
   */
  public static Sbom of(ContainerImage image) {
    return SupplyChainProvider.get().sbomOf(image);
  }

  /** The document's bytes as read or written. */
  public byte[] document() {
    return document.clone();
  }

  /** The format and spec version the document declares. */
  public SbomFormat format() {
    return format;
  }

  /** The spec version the document declares, e.g. {@code 1.5}. */
  public String specVersion() {
    return format.specVersion();
  }

  /** The image digests ({@code sha256:<hex>}) the document says it describes; empty when it names none. */
  public List<String> describedDigests() {
    return describedDigests;
  }

  /** The packages listed, sorted by name and version. */
  public List<SbomPackage> packages() {
    return packages;
  }

  /** Where the document was found, e.g. {@code file /tmp/x.spdx.json} or {@code referrer sha256:...}. */
  public String source() {
    return source;
  }

  /** What makes the document invalid against its format's rules; empty when valid. */
  public List<String> problems() {
    return problems;
  }

  /** True when {@link #problems()} is empty. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  @Override
  public String toString() {
    return format + " (" + source + ")";
  }
}
