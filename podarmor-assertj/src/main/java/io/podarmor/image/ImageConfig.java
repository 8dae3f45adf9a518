package io.podarmor.image;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image configuration: what {@code docker inspect} shows under {@code Config}, plus creation time and history.
 *
 * <pre>{@code image.config().user()  // "65532:65532", or "" when the image runs as root by default}</pre>
 */
public final class ImageConfig {
  private final String user;
  private final Healthcheck healthcheck;
  private final Map<String, String> env;
  private final Map<String, String> labels;
  private final List<String> entrypoint;
  private final List<String> cmd;
  private final String workingDir;
  private final List<String> exposedPorts;
  private final Instant created;
  private final List<HistoryEntry> history;
  private final boolean historyRecorded;
  private final List<String> layerDiffIds;

  private ImageConfig(Builder b) {
    this.user = b.user == null ? "" : b.user;
    this.healthcheck = b.healthcheck;
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    this.entrypoint = b.entrypoint == null ? List.of() : List.copyOf(b.entrypoint);
    this.cmd = b.cmd == null ? List.of() : List.copyOf(b.cmd);
    this.workingDir = b.workingDir == null ? "" : b.workingDir;
    this.exposedPorts = b.exposedPorts == null ? List.of() : List.copyOf(b.exposedPorts);
    this.created = b.created;
    this.history = b.history == null ? List.of() : List.copyOf(b.history);
    this.historyRecorded = b.history != null;
    this.layerDiffIds = b.layerDiffIds == null ? List.of() : List.copyOf(b.layerDiffIds);
  }

  /** A builder, for image sources and tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code User} the image runs as by default, exactly as written ({@code ""} means root). */
  public String user() {
    return user;
  }

  /** The HEALTHCHECK, if the image declares one (including {@code NONE}). */
  public Optional<Healthcheck> healthcheck() {
    return Optional.ofNullable(healthcheck);
  }

  /** The environment, in declaration order; a variable without {@code =} maps to {@code ""}. */
  public Map<String, String> env() {
    return env;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public List<String> entrypoint() {
    return entrypoint;
  }

  public List<String> cmd() {
    return cmd;
  }

  public String workingDir() {
    return workingDir;
  }

  /** Exposed ports such as {@code 8080/tcp}. */
  public List<String> exposedPorts() {
    return exposedPorts;
  }

  /** When the image was created, if recorded. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** The build history, oldest first; empty when the image records none (see {@link #hasHistory()}). */
  public List<HistoryEntry> history() {
    return history;
  }

  /** True when the config carries a {@code history} array at all. */
  public boolean hasHistory() {
    return historyRecorded && !history.isEmpty();
  }

  /**
   * The diff IDs of the image's layers ({@code rootfs.diff_ids}), base layer first: one per filesystem layer, so a
   * history whose layer-creating steps do not match them in number was rewritten.
   */
  public List<String> layerDiffIds() {
    return layerDiffIds;
  }

  /** Builds an {@link ImageConfig}. */
  public static final class Builder {
    private String user;
    private Healthcheck healthcheck;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private List<String> entrypoint;
    private List<String> cmd;
    private String workingDir;
    private List<String> exposedPorts;
    private Instant created;
    private List<HistoryEntry> history;
    private List<String> layerDiffIds;

    private Builder() {}

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder healthcheck(Healthcheck healthcheck) {
      this.healthcheck = healthcheck;
      return this;
    }

    /** Adds {@code NAME=value} entries as the config's {@code Env} array writes them. */
    public Builder env(List<String> entries) {
      for (String e : entries) {
        int eq = e.indexOf('=');
        env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
      }
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels.putAll(labels);
      return this;
    }

    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder cmd(List<String> cmd) {
      this.cmd = cmd;
      return this;
    }

    public Builder workingDir(String workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    public Builder exposedPorts(List<String> exposedPorts) {
      this.exposedPorts = exposedPorts;
      return this;
    }

    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    public Builder history(List<HistoryEntry> history) {
      this.history = history;
      return this;
    }

    public Builder layerDiffIds(List<String> layerDiffIds) {
      this.layerDiffIds = layerDiffIds;
      return this;
    }

    public ImageConfig build() {
      return new ImageConfig(this);
    }
  }
}
