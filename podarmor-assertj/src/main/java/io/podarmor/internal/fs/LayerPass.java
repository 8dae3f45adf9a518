package io.podarmor.internal.fs;

import java.util.List;

/**
 * What the one pass over each layer does beside indexing its entries and identifying its programs: the file contents
 * it keeps and the scanners it runs. The packages that read those facts declare them; {@code fs} only carries them
 * out.
 *
 * @param retained the files kept, each within its limit
 * @param scanners the content scanners run on every regular file they want
 */
public record LayerPass(List<RetainedFiles> retained, List<ContentScanner> scanners) {
  public LayerPass {
    retained = List.copyOf(retained);
    scanners = List.copyOf(scanners);
  }

  /** The most kept of the file at this path, or -1 when no check reads it. */
  public long limit(String path) {
    long limit = -1;
    for (RetainedFiles files : retained) {
      if (files.limit() > limit && files.paths().test(path)) {
        limit = files.limit();
      }
    }
    return limit;
  }

  /** The most any scanner reads of one file. */
  public int maxScanned() {
    return scanners.stream().mapToInt(ContentScanner::maxSize).max().orElse(0);
  }

  /** The files kept, for messages: {@code /etc/passwd, /etc/group, …, apt sources and SBOM files}. */
  public String describeRetained() {
    List<String> names = retained.stream().map(RetainedFiles::description).distinct().toList();
    return names.size() < 2 ? String.join("", names) : String.join(", ", names.subList(0, names.size() - 1))
        + " and " + names.get(names.size() - 1);
  }
}
