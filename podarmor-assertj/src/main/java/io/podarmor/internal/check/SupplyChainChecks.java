package io.podarmor.internal.check;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.Platform;
import io.podarmor.internal.sbom.SbomDiscovery;
import io.podarmor.internal.signature.SignatureCheck;
import io.podarmor.internal.signature.SignatureVerifier;
import io.podarmor.internal.signature.TrustSettings;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Signatures, SBOMs and platforms: what the image's source keeps beside it and what its index offers. */
public final class SupplyChainChecks {
  private static final String SIGNATURES =
      "supply chain: cosign .sig tags and sigstore bundle referrers, verified offline";

  private SupplyChainChecks() {}

  /** A signature verifies under the configured policy; with none, any valid signature. */
  public static ImageCheck isSigned() {
    TrustSettings.Configured trust = TrustSettings.configured();
    String expectation = trust.policy == null ? "be signed (" + trust.describe() + ")"
        : "be signed by " + trust.policy + " (configured)";
    return signed(Check.of(Property.SIGNED, "isSigned()", expectation, SIGNATURES),
        image -> SignatureVerifier.check(image, trust.policy, trust.trustedRoot));
  }

  /** A signature verifies under this policy. */
  public static ImageCheck isSignedBy(TrustPolicy policy) {
    return signed(Check.of(Property.SIGNED, "isSignedBy(" + policy + ")", "be signed by " + policy, SIGNATURES),
        image -> SignatureVerifier.check(image, policy));
  }

  private static ImageCheck signed(Check check, Function<ContainerImage, SignatureCheck> verify) {
    return new ImageCheck(check, (c, facts) -> {
      facts.filesystem();
      SignatureCheck result = verify.apply(facts.image());
      if (result.undecidable().isPresent()) {
        return c.cannotDecide(facts.image(), List.of(result.undecidable().get()));
      }
      if (!result.isSigned()) {
        return c.failed(facts.image(), result.rejected().isEmpty()
            ? List.of("no signature in " + result.searched()) : result.rejected());
      }
      return c.passed(facts.image(), result.evidence());
    });
  }

  /** Every platform of the index carries its own signature under the configured policy. */
  public static ImageCheck isSignedOnEveryPlatform() {
    TrustSettings.Configured trust = TrustSettings.configured();
    return everyPlatform("isSignedOnEveryPlatform()", trust.policy, trust.trustedRoot, trust.policy == null
        ? "(" + trust.describe() + ")" : "by " + trust.policy + " (configured)");
  }

  /** Every platform of the index carries its own signature under this policy. */
  public static ImageCheck isSignedOnEveryPlatformBy(TrustPolicy policy) {
    return everyPlatform("isSignedOnEveryPlatformBy(" + policy + ")", policy, policy.trustedRoot().orElse(null),
        "by " + policy);
  }

  private static ImageCheck everyPlatform(String assertion, TrustPolicy policy, Path trustedRoot, String by) {
    Check check = Check.of(Property.SIGNED, assertion,
        "be signed on every platform (a signature over each platform's manifest) " + by, SIGNATURES);
    return new ImageCheck(check, (c, facts) -> {
      facts.filesystem();
      ContainerImage actual = facts.image();
      List<String> unsigned = new ArrayList<>();
      List<String> evidence = new ArrayList<>();
      Function<ContainerImage, SignatureCheck> checker = SignatureVerifier.checker(policy, trustedRoot);
      for (Platform platform : actual.platforms()) {
        ContainerImage image = actual.forPlatform(platform);
        SignatureCheck result = checker.apply(image);
        if (result.undecidable().isPresent()) {
          return c.cannotDecide(actual, List.of(platform + " " + image.digest() + ": " + result.undecidable().get()));
        }
        List<String> own = result.verified().stream().filter(s -> s.signedDigest().equals(image.digest()))
            .map(s -> platform + " signed by " + s.signer()).collect(Collectors.toList());
        if (own.isEmpty()) {
          unsigned.add(platform + " " + image.digest() + ": no valid signature over this manifest"
              + (result.verified().isEmpty() ? "" : " (only its index is signed)"));
          result.rejected().forEach(r -> unsigned.add("  " + r));
        }
        evidence.addAll(own);
      }
      if (!unsigned.isEmpty()) {
        return c.failed(actual, unsigned);
      }
      List<String> pass = new ArrayList<>();
      pass.add("signed on every platform (" + actual.platforms().stream().map(String::valueOf)
          .collect(Collectors.joining(", ")) + ")");
      pass.addAll(evidence);
      return c.passed(actual, pass);
    });
  }

  /** What {@link #hasSbom} found besides its verdict: the SBOM to go on with, and everything discovery saw. */
  public record SbomResult(Verdict verdict, Optional<Sbom> sbom, SbomDiscovery.Found found) {}

  /** A readable SBOM of exactly this format and version; the first line of a pass is the format (the chip). */
  public static SbomResult hasSbom(io.podarmor.internal.source.ImageFacts facts, SbomFormat format) {
    Check c = Check.of(Property.SBOM, "hasSbom(" + format + ")", "have an SBOM in format " + format,
        "static: SBOMs in the image, referrers, cosign tags and attestations");
    facts.filesystem();
    SbomDiscovery.Found discovered = SbomDiscovery.find(facts.image());
    List<Sbom> matching = discovered.sboms().stream().filter(s -> s.format() == format).toList();
    if (matching.isEmpty()) {
      List<String> seen = new ArrayList<>();
      discovered.sboms().forEach(s -> seen.add(s.toString()));
      seen.addAll(discovered.rejected());
      if (seen.isEmpty()) {
        seen.add("no SBOM");
      }
      return new SbomResult(c.failed(facts.image(), seen), Optional.empty(), discovered);
    }
    List<String> pass = new ArrayList<>();
    pass.add(format.toString());
    matching.forEach(s -> pass.add(s.toString()));
    return new SbomResult(c.passed(facts.image(), pass), Optional.of(matching.get(0)), discovered);
  }

  /**
   * The image's source offers an image for every platform given; each one found is opened and its config must name
   * that platform. Two or more platforms count as the Multi-arch property.
   */
  public static ImageCheck supportsPlatforms(List<Platform> wanted) {
    List<String> asWritten = wanted.stream().map(Platform::toString).collect(Collectors.toList());
    Check check = Check.of(wanted.size() > 1 ? Property.MULTI_ARCH : Property.OTHER,
        "supportsPlatforms(" + String.join(", ", asWritten) + ")",
        "support the platforms " + String.join(", ", asWritten), "static: index and manifests");
    return new ImageCheck(check, (c, facts) -> {
      facts.filesystem();
      ContainerImage actual = facts.image();
      List<Platform> offered = actual.platforms();
      List<String> missing = new ArrayList<>();
      List<String> mislabelled = new ArrayList<>();
      List<String> found = new ArrayList<>();
      for (Platform p : wanted) {
        Optional<Platform> match = offered.stream().filter(p::matches).findFirst();
        if (match.isEmpty()) {
          missing.add(p.toString());
          continue;
        }
        // the platform's manifest and config are read (digests verified); one that cannot be read throws
        ContainerImage platformImage = actual.forPlatform(match.get());
        if (!match.get().matches(platformImage.platform())) {
          mislabelled.add(match.get() + " in the index is " + platformImage.digest() + ", whose config says "
              + platformImage.platform());
        }
        found.add(match.get().toString());
      }
      if (missing.isEmpty() && mislabelled.isEmpty()) {
        return c.passed(actual, List.of(String.join(", ", found)));
      }
      List<String> evidence = new ArrayList<>();
      if (!missing.isEmpty()) {
        evidence.add("no image for " + String.join(", ", missing));
      }
      evidence.addAll(mislabelled);
      String list = offered.stream().map(Platform::toString).collect(Collectors.joining(", "));
      evidence.add(offered.size() > 1 ? "the index has: " + list : "the image is for: " + list);
      return c.failed(actual, evidence);
    });
  }
}
