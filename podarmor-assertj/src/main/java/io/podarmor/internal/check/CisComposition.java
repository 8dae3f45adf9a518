package io.podarmor.internal.check;

import io.podarmor.internal.source.ImageFacts;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CIS Docker Benchmark section 4 as one verdict, composed from the verdicts of its items: failed when an item failed
 * or could not decide (each listed by id and title with its evidence), waived when every item was waived, passed
 * otherwise. The items' own verdicts come with it, to be recorded one by one.
 */
public final class CisComposition {
  /** One item: its id and title ({@code 4.8}, {@code Ensure setuid ...}) and its check. */
  public record Item(String id, String title, ImageCheck check) {}

  /** The items' verdicts, in the items' order, and the composed one. */
  public record Result(List<Verdict> items, Verdict composed) {}

  private CisComposition() {}

  /**
   * Runs every item, but the waived ones, which are recorded as waived with their reason.
   *
   * @param waivers reasons by item id
   */
  public static Result satisfies(ImageFacts facts, List<Item> items, Map<String, String> waivers) {
    Check check = Check.of(Property.CIS_4, "satisfiesCisDockerSection4()",
        "satisfy CIS Docker Benchmark section 4", "static: config, build history and merged filesystem")
        .cis(Verdict.CIS_SECTION_4);
    facts.filesystem();
    List<Verdict> verdicts = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> waived = new ArrayList<>();
    for (Item item : items) {
      String reason = waivers.get(item.id());
      Verdict v = reason != null ? item.check().check().waived(facts.image(), reason) : item.check().run(facts);
      verdicts.add(v);
      if (v.outcome() == Outcome.WAIVED) {
        failed.add(item.id() + " waived: " + reason);
        waived.add(item.id() + " waived: " + reason);
      } else if (v.fails()) {
        failed.add(item.id() + " " + item.title() + ":");
        String prefix = v.outcome() == Outcome.CANNOT_DECIDE ? "could not decide: " : "";
        v.evidence().forEach(line -> failed.add("  " + prefix + line.strip()));
      }
    }
    Verdict composed;
    if (verdicts.stream().anyMatch(Verdict::fails)) {
      composed = check.failed(facts.image(), failed);
    } else if (verdicts.stream().allMatch(v -> v.outcome() == Outcome.WAIVED)) {
      composed = new Verdict(facts.image().reference(), facts.image().digest(), Property.CIS_4,
          check.cisItem(), check.assertion(), Outcome.WAIVED, check.expectation(), waived, check.method());
    } else {
      composed = check.passed(facts.image(), List.of(waived.isEmpty()
          ? items.stream().map(Item::id).collect(Collectors.joining(", ")) + " passed"
          : String.join("; ", waived)));
    }
    return new Result(verdicts, composed);
  }
}
