package io.podarmor.internal.fs;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Files whose content the one pass over each layer keeps, because a check reads them: which paths, up to what size,
 * and how to name them in messages. Declared by the packages that read them (accounts, package databases, apt
 * sources, shipped SBOMs), never by {@code fs}.
 *
 * <pre>{@code
 * new RetainedFiles("apt sources", AptSources::isAptSource, 1 << 20)
 * }</pre>
 *
 * @param description names the files in messages, e.g. {@code /etc/passwd, /etc/group}
 * @param paths       which paths
 * @param limit       the most kept of one file, in bytes
 */
public record RetainedFiles(String description, Predicate<String> paths, long limit) {
  public RetainedFiles {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(paths, "paths");
  }
}
