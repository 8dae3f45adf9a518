package io.podarmor.internal.registry;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link RegistryClient} connects: where docker's {@code config.json} and credential helpers are, timeouts,
 * and how often to retry. {@link #defaults()} reads {@code DOCKER_CONFIG} and {@code PATH} as docker does; tests
 * inject their own directories.
 *
 * <pre>{@code
 * RegistryOptions options = RegistryOptions.defaults().toBuilder().dockerConfigDir(tmp).build();
 * }</pre>
 *
 * @param dockerConfigDir the directory holding {@code config.json}
 * @param helperPath      where {@code docker-credential-<name>} executables are looked up, in order
 * @param connectTimeout  how long to wait for a connection
 * @param requestTimeout  how long to wait for a response's status and headers (a blob's body then streams without
 *                        this limit)
 * @param helperTimeout   how long a credential helper may take
 * @param maxAttempts     attempts per request, the first one included, when the registry answers 429 or 5xx or the
 *                        connection drops
 * @param initialBackoff  the first wait between attempts
 * @param maxBackoff      the longest wait between attempts, also the cap on a {@code Retry-After} the registry asks
 *                        for
 * @param maxRedirects    how many redirects a request follows
 */
public record RegistryOptions(Path dockerConfigDir, List<Path> helperPath, Duration connectTimeout,
    Duration requestTimeout, Duration helperTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
    int maxRedirects) {
  public RegistryOptions {
    helperPath = List.copyOf(helperPath);
  }

  /**
   * {@code $DOCKER_CONFIG} (else {@code ~/.docker}), credential helpers on {@code $PATH}, 10 s to connect, 60 s
   * for response headers, 4 attempts with backoff from 500 ms (at most 10 s) on 429 and 5xx, 5 redirects.
   */
  public static RegistryOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link RegistryOptions}. */
  public static final class Builder {
    private Path dockerConfigDir = defaultConfigDir();
    private List<Path> helperPath = defaultHelperPath();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration helperTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private int maxRedirects = 5;

    private Builder() {}

    private Builder(RegistryOptions o) {
      this.dockerConfigDir = o.dockerConfigDir;
      this.helperPath = new ArrayList<>(o.helperPath);
      this.connectTimeout = o.connectTimeout;
      this.requestTimeout = o.requestTimeout;
      this.helperTimeout = o.helperTimeout;
      this.maxAttempts = o.maxAttempts;
      this.initialBackoff = o.initialBackoff;
      this.maxBackoff = o.maxBackoff;
      this.maxRedirects = o.maxRedirects;
    }

    public Builder dockerConfigDir(Path dir) {
      this.dockerConfigDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    public Builder helperPath(List<Path> dirs) {
      this.helperPath = new ArrayList<>(dirs);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    public Builder helperTimeout(Duration timeout) {
      this.helperTimeout = positive(timeout, "helperTimeout");
      return this;
    }

    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    public Builder maxRedirects(int redirects) {
      this.maxRedirects = redirects;
      return this;
    }

    public RegistryOptions build() {
      return new RegistryOptions(dockerConfigDir, helperPath, connectTimeout, requestTimeout, helperTimeout,
          maxAttempts, initialBackoff, maxBackoff, maxRedirects);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }

  private static Path defaultConfigDir() {
    String env = System.getenv("DOCKER_CONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".docker");
  }

  private static List<Path> defaultHelperPath() {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return dirs;
  }
}
