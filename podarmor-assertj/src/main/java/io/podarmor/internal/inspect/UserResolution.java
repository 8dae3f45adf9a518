package io.podarmor.internal.inspect;

import java.util.List;
import java.util.Objects;

/**
 * What the config's {@code User} resolves to: a uid, a primary gid and the supplementary gids with a line that says
 * how, or the reason it cannot be resolved (the engine would refuse to start the container). Its accessors say which:
 * a resolved one has no reason, an unresolved one no uid.
 */
public record UserResolution(long uid, long gid, List<Long> groups, String description, String reason) {
  static UserResolution resolved(long uid, long gid, List<Long> groups, String description) {
    return new UserResolution(uid, gid, List.copyOf(groups), Objects.requireNonNull(description), null);
  }

  static UserResolution undecided(String reason) {
    return new UserResolution(-1, -1, List.of(), null, Objects.requireNonNull(reason));
  }

  /** False when the user cannot be resolved; see {@link #reason()}. */
  public boolean isResolved() {
    return reason == null;
  }

  @Override
  public long uid() {
    requireResolved();
    return uid;
  }

  @Override
  public long gid() {
    requireResolved();
    return gid;
  }

  /**
   * The supplementary gids: as runc finds them, every {@code /etc/group} record that lists the user's name, when the
   * user was found in {@code /etc/passwd} and {@code User} names no group.
   */
  @Override
  public List<Long> groups() {
    requireResolved();
    return groups;
  }

  /** How the user resolved, e.g. {@code User "nonroot": uid 65532 (nonroot in /etc/passwd), gid 65532 (…)}. */
  @Override
  public String description() {
    requireResolved();
    return description;
  }

  /** Why the user cannot be resolved, e.g. {@code User "app": no user app in /etc/passwd}. */
  @Override
  public String reason() {
    if (reason == null) {
      throw new IllegalStateException("resolved: " + description);
    }
    return reason;
  }

  private void requireResolved() {
    if (reason != null) {
      throw new IllegalStateException("not resolved: " + reason);
    }
  }

  @Override
  public String toString() {
    return reason == null ? description : reason;
  }
}
