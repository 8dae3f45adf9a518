package io.podarmor.image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an image's build history, as the config's {@code history} array records it.
 *
 * <pre>{@code image.config().history().get(0).createdBy()  // "/bin/sh -c #(nop) ADD file:… in / "}</pre>
 */
public final class HistoryEntry {
  private final Instant created;
  private final String createdBy;
  private final String comment;
  private final String author;
  private final boolean emptyLayer;

  public HistoryEntry(Instant created, String createdBy, String comment, String author, boolean emptyLayer) {
    this.created = created;
    this.createdBy = createdBy == null ? "" : createdBy;
    this.comment = comment == null ? "" : comment;
    this.author = author == null ? "" : author;
    this.emptyLayer = emptyLayer;
  }

  /** When the step ran, if recorded. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** The command that created this step, exactly as the builder wrote it; empty when not recorded. */
  public String createdBy() {
    return createdBy;
  }

  public String comment() {
    return comment;
  }

  public String author() {
    return author;
  }

  /** True when this step produced no filesystem layer. */
  public boolean emptyLayer() {
    return emptyLayer;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HistoryEntry)) {
      return false;
    }
    HistoryEntry h = (HistoryEntry) o;
    return emptyLayer == h.emptyLayer && Objects.equals(created, h.created) && createdBy.equals(h.createdBy)
        && comment.equals(h.comment) && author.equals(h.author);
  }

  @Override
  public int hashCode() {
    return Objects.hash(created, createdBy, comment, author, emptyLayer);
  }

  @Override
  public String toString() {
    return createdBy + (emptyLayer ? " (empty layer)" : "");
  }
}
