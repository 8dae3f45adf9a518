package io.podarmor.image;

import java.time.Instant;
import java.util.Optional;

/**
 * One step of an image's build history, as the config's {@code history} array records it.
 *
 * <pre>{@code image.config().history().get(0).createdBy()  // "/bin/sh -c #(nop) ADD file:… in / "}</pre>
 *
 * @param created    when the step ran, if recorded
 * @param createdBy  the command that created this step, exactly as the builder wrote it; empty when not recorded
 * @param comment    the builder's comment, or empty
 * @param author     the author, or empty
 * @param emptyLayer true when this step produced no filesystem layer
 */
public record HistoryEntry(Optional<Instant> created, String createdBy, String comment, String author,
    boolean emptyLayer) {
  /** Makes the record; an absent (null) component becomes an empty value. */
  public HistoryEntry {
    created = created == null ? Optional.empty() : created;
    createdBy = createdBy == null ? "" : createdBy;
    comment = comment == null ? "" : comment;
    author = author == null ? "" : author;
  }

  /** A step created at {@code created} ({@code null} when not recorded). */
  public static HistoryEntry of(Instant created, String createdBy, String comment, String author,
      boolean emptyLayer) {
    return new HistoryEntry(Optional.ofNullable(created), createdBy, comment, author, emptyLayer);
  }

  @Override
  public String toString() {
    return createdBy + (emptyLayer ? " (empty layer)" : "");
  }
}
