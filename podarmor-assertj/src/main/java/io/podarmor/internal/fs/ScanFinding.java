package io.podarmor.internal.fs;

/**
 * A {@link ScanHit} in a layer of the image, still visible or hidden by a later layer (it ships in the layer tar all
 * the same): {@code /root/.aws/credentials (layer 2, removed by layer 3: aws_secret_access_key=wJal…)}.
 */
public final class ScanFinding {
  private final ScanHit hit;
  private final int layer;
  private String hiddenBy;

  public ScanFinding(ScanHit hit, int layer) {
    this.hit = hit;
    this.layer = layer;
  }

  /** The 1-based position of the layer holding the file. */
  public int layer() {
    return layer;
  }

  public String path() {
    return hit.path();
  }

  /** A later layer removed or replaced the file: {@code removed by layer 3}. */
  void hide(String how) {
    if (hiddenBy == null) {
      hiddenBy = how;
    }
  }

  @Override
  public String toString() {
    return hit.path() + " (layer " + layer + (hiddenBy == null ? "" : ", " + hiddenBy) + ": " + hit.evidence() + ")";
  }
}
