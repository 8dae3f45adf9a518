package io.podarmor.internal.check;

import io.podarmor.internal.secrets.SecretFinder;
import io.podarmor.internal.fs.ScanFinding;
import io.podarmor.verdict.Property;
import java.util.List;
import java.util.Optional;

/** CIS 4.10: secrets in the config, the history and the files of every layer. */
public final class SecretChecks {
  private SecretChecks() {}

  /** No secret anywhere; files are those scanned while PodArmor indexed the layers. */
  public static ImageCheck hasNoSecrets() {
    Check check = Check.of(Property.CIS_4, "hasNoSecrets()", "have no secrets",
        "static: config Env and labels, history ENV/ARG, files of every layer").cis("4.10");
    return new ImageCheck(check, (c, facts) -> {
      Optional<List<ScanFinding>> files = facts.layerSecrets();
      if (files.isEmpty()) {
        return c.cannotDecide(facts.image(), List.of("the image's files were not scanned for secrets while "
            + "indexing: " + facts.filesystem()));
      }
      List<String> unread = facts.history().unread();
      if (!unread.isEmpty()) {
        return c.cannotDecide(facts.image(), unread);
      }
      return c.noneOf(facts.image(), SecretFinder.find(facts.config(), facts.history().steps(), files.get()),
          List.of());
    });
  }
}
