package io.podarmor.junit.report;

import io.podarmor.assertj.CisItem;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.VerdictListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hardening report of one test run: every verdict per image digest, written at the end of the run as
 * {@code report.json}, a self-contained {@code report.html} and one SVG badge per checked property. A chip or a
 * "verified" badge appears only for a property that was checked in this run, passed at least once and never failed
 * or could not decide. The report reads verdicts only: their outcome, evidence and method, never a message.
 *
 * <pre>{@code
 * HardeningReport report = new HardeningReport();
 * try (Verdicts.Registration run = Verdicts.register(report)) {   // the extension does this
 *   assertThat(image).hasNoSuidFiles();
 * }
 * report.writeTo(Path.of("target/podarmor"));
 * }</pre>
 */
public final class HardeningReport implements VerdictListener {
  /** The properties that earn a chip, in order; a team's own properties follow them. */
  static final List<Property> CHIPS = List.of(Property.NON_ROOT, Property.NO_SUID, Property.NO_SHELL,
      Property.NO_PACKAGE_MANAGER, Property.NO_WORLD_WRITABLE, Property.CIS_4, Property.SBOM, Property.SIGNED,
      Property.MULTI_ARCH);

  private final Map<String, ImageResults> images = new LinkedHashMap<>();

  /** Adds one verdict; safe from any thread. */
  public void add(Verdict verdict) {
    add(verdict, "");
  }

  /** Adds one verdict and the test that reached it ({@code ""} when unknown); safe from any thread. */
  public synchronized void add(Verdict verdict, String test) {
    // an image that could not be read has no digest: it is known by its reference
    String key = verdict.digest().isEmpty() ? verdict.image() : verdict.digest();
    images.computeIfAbsent(key, k -> new ImageResults(verdict.digest())).add(verdict, test);
  }

  /** Adds references an image (by digest, or by reference when it could not be read) is also known by. */
  synchronized void alsoKnownAs(String key, List<String> references) {
    ImageResults results = images.get(key);
    if (results != null) {
      results.references.addAll(references);
    }
  }

  @Override
  public void onVerdict(Verdict verdict) {
    add(verdict);
  }

  /** How many verdicts were added. */
  public synchronized int size() {
    return images.values().stream().mapToInt(i -> i.verdicts.size()).sum();
  }

  /** True when no verdict was added. */
  public synchronized boolean isEmpty() {
    return images.isEmpty();
  }

  /** Where one property of one image stands, e.g. {@code status("sha256:…", Property.NO_SUID)}. */
  public synchronized PropertyStatus status(String digest, Property property) {
    ImageResults results = images.get(digest);
    return results == null ? PropertyStatus.NOT_CHECKED : results.status(property);
  }

  /**
   * Writes {@code report.json}, {@code report.html} and {@code badges/<image>/<property>.svg} into the directory.
   *
   * @return the HTML report's path
   */
  public synchronized Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      List<ImageResults> all = new ArrayList<>(images.values());
      Instant now = Instant.now();
      Files.writeString(dir.resolve("report.json"), ReportJson.render(all, now), StandardCharsets.UTF_8);
      Path html = dir.resolve("report.html");
      Files.writeString(html, ReportHtml.render(all, now), StandardCharsets.UTF_8);
      for (ImageResults image : all) {
        Path badges = Files.createDirectories(dir.resolve("badges").resolve(image.slug()));
        for (Property p : image.properties()) {
          PropertyStatus status = image.status(p);
          if (!p.equals(Property.OTHER) && status != PropertyStatus.NOT_CHECKED) {
            Files.writeString(badges.resolve(p.key() + ".svg"), Badges.svg(p.label(), status, image.waivers(p)),
                StandardCharsets.UTF_8);
          }
        }
      }
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the PodArmor report to " + dir, e);
    }
  }

  /** Every verdict about one image digest. */
  static final class ImageResults {
    final String digest;
    final Set<String> references = new LinkedHashSet<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    /** The test that reached each verdict, by identity. */
    private final java.util.IdentityHashMap<Verdict, String> tests = new java.util.IdentityHashMap<>();
    private final Set<Property> custom = new LinkedHashSet<>();

    ImageResults(String digest) {
      this.digest = digest;
    }

    void add(Verdict v, String test) {
      references.add(v.image());
      verdicts.add(v);
      tests.put(v, test);
      if (!Property.BUILT_IN.contains(v.property())) {
        custom.add(v.property());
      }
    }

    /** The report's rows: the built-in properties, then a team's own ones, then other checks. */
    List<Property> properties() {
      List<Property> out = new ArrayList<>(Property.BUILT_IN);
      out.remove(Property.OTHER);
      out.addAll(custom);
      out.add(Property.OTHER);
      return out;
    }

    /** The chips' properties, in order: the built-in chips, then a team's own properties. */
    List<Property> chips() {
      List<Property> out = new ArrayList<>(CHIPS);
      out.addAll(custom);
      return out;
    }

    /** The test that reached the verdict, e.g. {@code DemoImageHardeningTest > is distroless}, or {@code ""}. */
    String test(Verdict v) {
      return tests.getOrDefault(v, "");
    }

    /** The verdicts listed in a property's row: those of that property. */
    List<Verdict> checks(Property p) {
      return verdicts.stream().filter(v -> v.property().equals(p)).toList();
    }

    /**
     * The verdicts that bear on a property: its own; for {@code non-root} and {@code no-shell}, their runtime
     * counterparts too; for CIS §4, every verdict of a CIS item, whatever property it is shown under (4.1, 4.6,
     * 4.8 are non-root, HEALTHCHECK and no-SUID checks).
     */
    List<Verdict> relevant(Property p) {
      return verdicts.stream().filter(v -> v.property().equals(p)
          || p.equals(Property.NON_ROOT) && v.property().equals(Property.RUNTIME_NON_ROOT)
          || p.equals(Property.NO_SHELL) && v.property().equals(Property.RUNTIME_NO_SHELL)
          || p.equals(Property.CIS_4) && !v.cisItem().isEmpty()).toList();
    }

    /**
     * Failed when any verdict failed or could not decide; passed when at least one passed and every other one
     * passed or was waived (the chip then counts the waivers); waived when every one was waived; not checked when
     * none was reached. CIS §4 passes only as a whole: by {@code satisfiesCisDockerSection4()}, or by a verdict on
     * each item PodArmor checks without input; fewer items passing leave it partly checked.
     */
    PropertyStatus status(Property p) {
      List<Verdict> relevant = relevant(p);
      if (relevant.isEmpty()) {
        return PropertyStatus.NOT_CHECKED;
      }
      if (relevant.stream().anyMatch(Verdict::fails)) {
        return PropertyStatus.FAILED;
      }
      if (relevant.stream().noneMatch(v -> v.outcome() == Outcome.PASSED)) {
        return PropertyStatus.WAIVED;
      }
      return !p.equals(Property.CIS_4) || coversSection4(relevant) ? PropertyStatus.PASSED : PropertyStatus.PARTIAL;
    }

    private static boolean coversSection4(List<Verdict> relevant) {
      Set<String> decided = new LinkedHashSet<>();
      relevant.forEach(v -> decided.add(v.cisItem()));
      if (relevant.stream().anyMatch(v -> v.cisItem().equals(Verdict.CIS_SECTION_4)
          && v.outcome() == Outcome.PASSED)) {
        return true;
      }
      for (CisItem item : CisItem.values()) {
        if (item.isCheckedWithoutInput() && !decided.contains(item.id())) {
          return false;
        }
      }
      return true;
    }

    /**
     * How many checks of the property were waived: each CIS item once (a waiver of 4.8 counts for CIS §4 as for
     * no-SUID), each other assertion once; the verdict on section 4 as a whole is no check of its own.
     */
    int waivers(Property p) {
      Set<String> waived = new LinkedHashSet<>();
      for (Verdict v : relevant(p)) {
        if (v.outcome() == Outcome.WAIVED && !v.cisItem().equals(Verdict.CIS_SECTION_4)) {
          waived.add(v.cisItem().isEmpty() ? v.assertion() : "CIS " + v.cisItem());
        }
      }
      return waived.size();
    }

    /** What a chip shows after its label: its detail and its waivers, e.g. {@code [linux/amd64, 1 waived]}. */
    List<String> chipParts(Property p) {
      List<String> parts = new ArrayList<>();
      String detail = chipDetail(p);
      if (!detail.isEmpty()) {
        parts.add(detail);
      }
      int waivers = waivers(p);
      if (waivers > 0) {
        parts.add(waivers + " waived");
      }
      return parts;
    }

    /** How a passed property was verified: the distinct methods of its verdicts. */
    String verifiedBy(Property p) {
      Set<String> methods = new LinkedHashSet<>();
      for (Verdict v : relevant(p)) {
        if (!v.method().isEmpty() && v.outcome() != Outcome.WAIVED) {
          methods.add(v.method());
        }
      }
      return String.join("; ", methods);
    }

    /**
     * Detail a chip carries: the first evidence line of the first passing verdict, for the signer ("signed by" left
     * out), the SBOM formats and the platforms; empty for other properties.
     */
    String chipDetail(Property p) {
      if (!p.equals(Property.SIGNED) && !p.equals(Property.SBOM) && !p.equals(Property.MULTI_ARCH)) {
        return "";
      }
      for (Verdict v : relevant(p)) {
        if (v.outcome() == Outcome.PASSED && !v.evidence().isEmpty() && !v.evidence().get(0).isBlank()) {
          String line = v.evidence().get(0).strip();
          return p.equals(Property.SIGNED) && line.startsWith("signed by ") ? line.substring(10) : line;
        }
      }
      return "";
    }

    String reference() {
      return references.iterator().next();
    }

    String slug() {
      if (digest.isEmpty()) {
        return "unread-" + Integer.toHexString(reference().hashCode());
      }
      String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
      return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
  }
}
