package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.inspect.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * sudo in an image (dockle DKL-DI-0001): {@code sudo} as the command word of a {@code RUN} step's command, or a
 * {@code sudo} executable (a regular file with an execute bit, or a symlink, named {@code sudo}) in the filesystem.
 * {@code find / -iname sudo}, {@code apt-get purge sudo} and {@code echo sudo} do not use sudo.
 */
public final class SudoFinder {
  private SudoFinder() {}

  /** Every RUN step that runs sudo, in history order. */
  public static List<String> inHistory(List<BuildStep> steps) {
    List<String> found = new ArrayList<>();
    for (BuildStep step : steps) {
      if (step.commands().stream().anyMatch(c -> c.name().equals("sudo"))) {
        found.add(step.describe());
      }
    }
    return found;
  }

  /** Every sudo executable, by path. */
  public static List<String> inFilesystem(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    for (FileEntry entry : fs.entries()) {
      boolean executable = entry.type() == FileType.REGULAR && (entry.mode() & 0111) != 0;
      if (entry.name().equals("sudo") && (executable || entry.type() == FileType.SYMLINK)) {
        found.add(Evidence.of(entry));
      }
    }
    return found;
  }
}
