package io.podarmor.internal.secrets;

/** A secret a layer holds in a file: the path and redacted evidence ({@code AWS access key id AKIA…}). */
public final class SecretHit {
  private final String path;
  private final String evidence;

  public SecretHit(String path, String evidence) {
    this.path = path;
    this.evidence = evidence;
  }

  public String path() {
    return path;
  }

  public String evidence() {
    return evidence;
  }
}
