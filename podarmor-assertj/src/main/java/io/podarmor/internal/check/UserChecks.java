package io.podarmor.internal.check;

import io.podarmor.internal.inspect.UserResolution;
import io.podarmor.internal.inspect.UserResolver;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.verdict.Property;
import java.util.List;

/** Who the image runs as: its config's {@code User}, resolved as the engine resolves it ({@link UserResolver}). */
public final class UserChecks {
  private static final String METHOD = "static: config and the image's /etc/passwd, /etc/group";

  private UserChecks() {}

  /** The {@code User} resolves to this uid; a uid other than 0 counts as a non-root check. */
  public static ImageCheck runsAsUid(int uid) {
    Check check = Check.of(uid == 0 ? Property.OTHER : Property.NON_ROOT, "runsAsUid(" + uid + ")",
        "run as uid " + uid, METHOD);
    return resolvedTo(check, user -> user.uid() == uid);
  }

  /** The {@code User} resolves to this primary gid. */
  public static ImageCheck runsAsGid(int gid) {
    Check check = Check.of(Property.OTHER, "runsAsGid(" + gid + ")", "run as gid " + gid, METHOD);
    return resolvedTo(check, user -> user.gid() == gid);
  }

  /** CIS 4.1: the {@code User} resolves to a uid other than 0. */
  public static ImageCheck runsAsNonRoot() {
    Check check = Check.of(Property.NON_ROOT, "runsAsNonRoot()", "run as a non-root user", METHOD).cis("4.1");
    return new ImageCheck(check, (c, facts) -> {
      UserResolution user = resolve(facts);
      if (!user.isResolved()) {
        return c.cannotDecide(facts.image(), List.of(user.reason()));
      }
      return user.uid() != 0 ? c.passed(facts.image(), List.of(user.description()))
          : c.failed(facts.image(), List.of(user.description()));
    });
  }

  private static UserResolution resolve(ImageFacts facts) {
    return UserResolver.resolve(facts.config().user(), facts.filesystem());
  }

  /** Passes when the resolved user is {@code wanted}; cannot decide when the user does not resolve. */
  private static ImageCheck resolvedTo(Check check, java.util.function.Predicate<UserResolution> wanted) {
    return new ImageCheck(check, (c, facts) -> {
      UserResolution user = resolve(facts);
      if (!user.isResolved()) {
        return c.cannotDecide(facts.image(), List.of(user.reason()));
      }
      List<String> evidence = List.of(user.description());
      return wanted.test(user) ? c.passed(facts.image(), evidence) : c.failed(facts.image(), evidence);
    });
  }
}
