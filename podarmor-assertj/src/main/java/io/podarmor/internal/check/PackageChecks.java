package io.podarmor.internal.check;

import io.podarmor.image.ImageException;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.packages.PackageDatabases;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** CIS 4.3: what the image's own package databases say is installed. */
public final class PackageChecks {
  private static final String METHOD = "static: the image's package databases";

  private PackageChecks() {}

  /** None of these package names (sorted, distinct) is installed. */
  public static ImageCheck hasNoPackages(List<String> denied) {
    Set<String> deniedSet = Set.copyOf(denied);
    Check check = Check.of(Property.CIS_4, "hasNoPackages(" + String.join(", ", denied) + ")",
        "have none of the packages: " + String.join(", ", denied), METHOD).cis("4.3");
    return new ImageCheck(check, (c, facts) -> decide(c, facts, p -> deniedSet.contains(p.name())));
  }

  /** Every installed package is one of these names (sorted, distinct). */
  public static ImageCheck hasOnlyPackagesFrom(List<String> allowed) {
    Set<String> allowedSet = Set.copyOf(allowed);
    String shown = allowed.size() <= 8 ? String.join(", ", allowed) : allowed.size() + " names";
    Check check = Check.of(Property.CIS_4, "hasOnlyPackagesFrom(" + shown + ")",
        "have only packages from the allowlist: " + String.join(", ", allowed), METHOD).cis("4.3");
    return new ImageCheck(check, (c, facts) -> decide(c, facts, p -> !allowedSet.contains(p.name())));
  }

  private static Verdict decide(Check c, ImageFacts facts, Predicate<InstalledPackage> offends) {
    facts.filesystem();
    PackageDatabases.Inventory inventory;
    try {
      inventory = facts.packages();
    } catch (ImageException e) {
      return c.cannotDecide(facts.image(), List.of(e.getMessage()));
    }
    if (inventory.databases().isEmpty()) {
      return c.cannotDecide(facts.image(), List.of("no package database found (looked at "
          + PackageDatabases.LOOKED_AT + ")"));
    }
    List<String> found = inventory.packages().stream().filter(offends).map(InstalledPackage::toString)
        .collect(Collectors.toList());
    return c.noneOf(facts.image(), found, List.of(inventory.packages().size() + " packages in "
        + String.join(", ", inventory.databases())));
  }
}
