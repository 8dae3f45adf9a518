package io.podarmor.internal.check;

import io.podarmor.internal.history.AddFinder;
import io.podarmor.internal.history.ApkConfig;
import io.podarmor.internal.history.AptConfig;
import io.podarmor.internal.history.AptSources;
import io.podarmor.internal.history.RpmRepos;
import io.podarmor.internal.history.BuildHistory;
import io.podarmor.internal.history.LoneUpdateFinder;
import io.podarmor.internal.history.SudoFinder;
import io.podarmor.internal.history.UnverifiedPackageFinder;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the build ran, from the history the builders record (CIS 4.7, 4.9, 4.11, sudo): a missing or squashed history
 * cannot decide.
 */
public final class HistoryChecks {
  private HistoryChecks() {}

  /** CIS 4.7: no package index refresh without an install in the same RUN step. */
  public static ImageCheck hasNoLoneUpdateInstructions() {
    return history(Check.of(Property.CIS_4, "hasNoLoneUpdateInstructions()",
        "have no package index update without an install in the same RUN step (CIS 4.7)",
        "static: build history, RUN steps").cis("4.7"), (facts) -> LoneUpdateFinder.find(facts.history().steps()));
  }

  /** CIS 4.9: no ADD step, but the base image's root filesystem. */
  public static ImageCheck hasNoAddInstructions() {
    return history(Check.of(Property.CIS_4, "hasNoAddInstructions()", "use COPY instead of ADD (CIS 4.9)",
        "static: build history").cis("4.9"), facts -> AddFinder.find(facts.history()));
  }

  /** CIS 4.11: nothing installed without signature or TLS checks, no unsigned apt source. */
  public static ImageCheck installsVerifiedPackagesOnly() {
    return history(Check.of(Property.CIS_4, "installsVerifiedPackagesOnly()",
        "install verified packages only (CIS 4.11)", "static: build history, apt, rpm and apk repository configuration in the filesystem")
        .cis("4.11"), facts -> {
          List<String> found = new ArrayList<>(UnverifiedPackageFinder.find(facts.history().steps()));
          found.addAll(AptSources.find(facts.filesystem()));
          found.addAll(AptConfig.find(facts.filesystem(), facts.image().config().env()));
          found.addAll(RpmRepos.find(facts.filesystem()));
          found.addAll(ApkConfig.find(facts.filesystem(), facts.image().config().env()));
          return found;
        });
  }

  /** No RUN step runs sudo, no sudo executable (dockle DKL-DI-0001). */
  public static ImageCheck hasNoSudo() {
    return history(Check.of(Property.OTHER, "hasNoSudo()", "have no sudo (dockle DKL-DI-0001)",
        "static: build history and merged filesystem"), facts -> {
          List<String> found = new ArrayList<>(SudoFinder.inHistory(facts.history().steps()));
          found.addAll(SudoFinder.inFilesystem(facts.filesystem()));
          return found;
        });
  }

  private static ImageCheck history(Check check, Function<ImageFacts, List<String>> find) {
    return new ImageCheck(check, (c, facts) -> decide(c, facts, find));
  }

  private static Verdict decide(Check c, ImageFacts facts, Function<ImageFacts, List<String>> find) {
    facts.filesystem();
    BuildHistory history = facts.history();
    if (!history.undecidable().isEmpty()) {
      return c.cannotDecide(facts.image(), history.undecidable());
    }
    return c.noneOf(facts.image(), find.apply(facts), List.of(history.steps().size() + " history steps"));
  }
}
