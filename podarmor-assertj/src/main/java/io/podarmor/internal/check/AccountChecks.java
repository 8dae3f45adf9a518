package io.podarmor.internal.check;

import io.podarmor.internal.inspect.AccountChecker;
import io.podarmor.verdict.Property;
import java.util.List;

/** Account hygiene (dockle): empty passwords, duplicate ids and names. */
public final class AccountChecks {
  private AccountChecks() {}

  /** No account has an empty password field in {@code /etc/passwd} or {@code /etc/shadow}. */
  public static ImageCheck hasNoEmptyPasswords() {
    Check check = Check.of(Property.OTHER, "hasNoEmptyPasswords()", "have no account with an empty password",
        "static: /etc/passwd and /etc/shadow");
    return new ImageCheck(check, (c, facts) -> {
      try {
        List<String> found = AccountChecker.emptyPasswords(facts.filesystem());
        return c.noneOf(facts.image(), found, AccountChecker.hasNoAccountFiles(facts.filesystem())
            ? List.of("no /etc/passwd and no /etc/shadow: no accounts") : List.of());
      } catch (AccountChecker.Undecidable e) {
        return c.cannotDecide(facts.image(), List.of(e.getMessage()));
      }
    });
  }

  /** No uid or user name twice in {@code /etc/passwd}, no gid or group name twice in {@code /etc/group}. */
  public static ImageCheck hasNoDuplicateIds() {
    Check check = Check.of(Property.OTHER, "hasNoDuplicateIds()",
        "have no duplicate uids, gids, user names or group names", "static: /etc/passwd and /etc/group");
    return new ImageCheck(check, (c, facts) -> {
      try {
        return c.noneOf(facts.image(), AccountChecker.duplicates(facts.filesystem()), List.of());
      } catch (AccountChecker.Undecidable e) {
        return c.cannotDecide(facts.image(), List.of(e.getMessage()));
      }
    });
  }
}
