package io.podarmor.internal.inspect;

import java.util.Objects;

/**
 * What the config's {@code User} resolves to: a uid and a primary gid with a line that says how, or the reason it
 * cannot be resolved (the engine would refuse to start the container). Its accessors say which: a resolved one has no
 * reason, an unresolved one no uid.
 */
public record UserResolution(long uid, long gid, String description, String reason) {
  static UserResolution resolved(long uid, long gid, String description) {
    return new UserResolution(uid, gid, Objects.requireNonNull(description), null);
  }

  static UserResolution undecided(String reason) {
    return new UserResolution(-1, -1, null, Objects.requireNonNull(reason));
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
