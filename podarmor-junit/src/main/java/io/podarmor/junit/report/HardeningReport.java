package io.podarmor.junit.report;

import io.podarmor.internal.record.CheckRecord;
import io.podarmor.internal.record.Outcome;
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
 * The hardening report of one test run: every property check per image digest, written at the end of the run as
 * {@code report.json}, a self-contained {@code report.html} and one SVG badge per checked property. A chip or a
 * "verified" badge appears only for a property that was checked in this run and never failed.
 *
 * <pre>{@code
 * HardeningReport report = new HardeningReport();
 * CheckRecorder.addListener(report::add);   // the extension does this
 * report.writeTo(Path.of("target/podarmor"));
 * }</pre>
 */
public final class HardeningReport {
  private final Map<String, ImageResults> images = new LinkedHashMap<>();

  /** Adds one check; safe from any thread. */
  public synchronized void add(CheckRecord record) {
    images.computeIfAbsent(record.imageDigest(), d -> new ImageResults(d)).add(record);
  }

  /** True when no check was recorded. */
  public synchronized boolean isEmpty() {
    return images.isEmpty();
  }

  /** The status of one property of one image, e.g. {@code status("sha256:…", "no-suid")}. */
  public synchronized PropertyStatus status(String digest, String propertyKey) {
    ImageResults results = images.get(digest);
    return results == null ? PropertyStatus.NOT_CHECKED : results.status(ReportProperty.forKey(propertyKey));
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
        for (ReportProperty p : ReportProperty.values()) {
          PropertyStatus status = image.status(p);
          if (p != ReportProperty.OTHER && status != PropertyStatus.NOT_CHECKED) {
            Files.writeString(badges.resolve(p.key + ".svg"), Badges.svg(p.label, status, image.waivers(p)),
                StandardCharsets.UTF_8);
          }
        }
      }
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the PodArmor report to " + dir, e);
    }
  }

  /** Every check of one image digest. */
  static final class ImageResults {
    final String digest;
    final Set<String> references = new LinkedHashSet<>();
    final Map<ReportProperty, List<CheckRecord>> checks = new LinkedHashMap<>();

    ImageResults(String digest) {
      this.digest = digest;
    }

    void add(CheckRecord r) {
      references.add(r.imageReference());
      checks.computeIfAbsent(ReportProperty.forKey(r.property()), p -> new ArrayList<>()).add(r);
    }

    /** The checks that bear on a property: a chip's static check and its runtime counterpart. */
    List<CheckRecord> relevant(ReportProperty p) {
      List<CheckRecord> out = new ArrayList<>(checks.getOrDefault(p, List.of()));
      if (p == ReportProperty.NON_ROOT) {
        out.addAll(checks.getOrDefault(ReportProperty.RUNTIME_NON_ROOT, List.of()));
      } else if (p == ReportProperty.NO_SHELL) {
        out.addAll(checks.getOrDefault(ReportProperty.RUNTIME_NO_SHELL, List.of()));
      }
      return out;
    }

    /**
     * Failed when any check failed; passed when at least one check passed and every other one passed or was waived
     * (the chip then counts the waivers); waived when every check was waived; not checked when none ran.
     */
    PropertyStatus status(ReportProperty p) {
      List<CheckRecord> records = relevant(p);
      if (records.isEmpty()) {
        return PropertyStatus.NOT_CHECKED;
      }
      boolean passed = false;
      for (CheckRecord r : records) {
        if (r.outcome() == Outcome.FAILED) {
          return PropertyStatus.FAILED;
        }
        passed |= r.outcome() == Outcome.PASSED;
      }
      return passed ? PropertyStatus.PASSED : PropertyStatus.WAIVED;
    }

    /** How many checks of the property were waived. */
    int waivers(ReportProperty p) {
      return (int) relevant(p).stream().filter(r -> r.outcome() == Outcome.WAIVED).count();
    }

    /** What a chip shows after its label: its detail and its waivers, e.g. {@code [linux/amd64, 1 waived]}. */
    List<String> chipParts(ReportProperty p) {
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

    /** How a passed property was verified: the distinct methods of its checks. */
    String verifiedBy(ReportProperty p) {
      Set<String> methods = new LinkedHashSet<>();
      for (CheckRecord r : relevant(p)) {
        if (!r.method().isEmpty()) {
          methods.add(r.method());
        }
      }
      return String.join("; ", methods);
    }

    /**
     * Detail a chip carries: the first evidence line of the first passing check, for the signer ("signed by" left
     * out), the SBOM formats and the platforms; empty for other properties.
     */
    String chipDetail(ReportProperty p) {
      if (p != ReportProperty.SIGNED && p != ReportProperty.SBOM && p != ReportProperty.MULTI_ARCH) {
        return "";
      }
      for (CheckRecord r : relevant(p)) {
        if (r.outcome() == Outcome.PASSED && !r.evidence().isEmpty() && !r.evidence().get(0).isBlank()) {
          String line = r.evidence().get(0).strip();
          return p == ReportProperty.SIGNED && line.startsWith("signed by ") ? line.substring(10) : line;
        }
      }
      return "";
    }

    String reference() {
      return references.iterator().next();
    }

    String slug() {
      String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
      return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
  }
}
