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
 */
public final class RegistryOptions {
  private final Path dockerConfigDir;
  private final List<Path> helperPath;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration helperTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int maxRedirects;

  private RegistryOptions(Builder b) {
    this.dockerConfigDir = b.dockerConfigDir;
    this.helperPath = List.copyOf(b.helperPath);
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.helperTimeout = b.helperTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRedirects = b.maxRedirects;
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

  public Builder toBuilder() {
    Builder b = new Builder();
    b.dockerConfigDir = dockerConfigDir;
    b.helperPath = new ArrayList<>(helperPath);
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.helperTimeout = helperTimeout;
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxRedirects = maxRedirects;
    return b;
  }

  /** The directory holding {@code config.json}. */
  public Path dockerConfigDir() {
    return dockerConfigDir;
  }

  /** Where {@code docker-credential-<name>} executables are looked up, in order. */
  public List<Path> helperPath() {
    return helperPath;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for a response's status and headers (a blob's body then streams without this limit). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  public Duration helperTimeout() {
    return helperTimeout;
  }

  /** Attempts per request, the first one included, when the registry answers 429 or 5xx or the connection drops. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between attempts, also the cap on a {@code Retry-After} the registry asks for. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  public int maxRedirects() {
    return maxRedirects;
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
      return new RegistryOptions(this);
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
