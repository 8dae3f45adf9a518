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
 *
 * @param user            the {@code User} the image runs as by default, exactly as written ({@code ""} means root)
 * @param healthcheck     the HEALTHCHECK, if the image declares one (including {@code NONE})
 * @param env             the environment, in declaration order; a variable without {@code =} maps to {@code ""}
 * @param labels          the labels
 * @param entrypoint      the entrypoint
 * @param cmd             the command
 * @param workingDir      the working directory, or {@code ""}
 * @param exposedPorts    exposed ports such as {@code 8080/tcp}
 * @param created         when the image was created, if recorded
 * @param history         the build history, oldest first; empty when the image records none
 * @param historyRecorded true when the config carries a {@code history} array at all
 * @param layerDiffIds    the diff IDs of the image's layers ({@code rootfs.diff_ids}), base layer first: one per
 *                        filesystem layer, so a history whose layer-creating steps do not match them in number was
 *                        rewritten
 */
public record ImageConfig(String user, Optional<Healthcheck> healthcheck, Map<String, String> env,
    Map<String, String> labels, List<String> entrypoint, List<String> cmd, String workingDir,
    List<String> exposedPorts, Optional<Instant> created, List<HistoryEntry> history, boolean historyRecorded,
    List<String> layerDiffIds) {

  /** Makes the record; an absent (null) component becomes an empty value. */
  public ImageConfig {
    user = user == null ? "" : user;
    healthcheck = healthcheck == null ? Optional.empty() : healthcheck;
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    workingDir = workingDir == null ? "" : workingDir;
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    created = created == null ? Optional.empty() : created;
    history = history == null ? List.of() : List.copyOf(history);
    layerDiffIds = layerDiffIds == null ? List.of() : List.copyOf(layerDiffIds);
  }

  /** A builder, for image sources and tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** True when the config carries a non-empty {@code history} array. */
  public boolean hasHistory() {
    return historyRecorded && !history.isEmpty();
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

    /** Sets the user. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** Sets the healthcheck. */
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

    /** Sets the labels. */
    public Builder labels(Map<String, String> labels) {
      this.labels.putAll(labels);
      return this;
    }

    /** Sets the entrypoint. */
    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    /** Sets the command. */
    public Builder cmd(List<String> cmd) {
      this.cmd = cmd;
      return this;
    }

    /** Sets the working dir. */
    public Builder workingDir(String workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    /** Sets the exposed ports. */
    public Builder exposedPorts(List<String> exposedPorts) {
      this.exposedPorts = exposedPorts;
      return this;
    }

    /** Sets when the image was built. */
    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    /** Sets the history. */
    public Builder history(List<HistoryEntry> history) {
      this.history = history;
      return this;
    }

    /** Sets the layer diff ids. */
    public Builder layerDiffIds(List<String> layerDiffIds) {
      this.layerDiffIds = layerDiffIds;
      return this;
    }

    /** Builds it. */
    public ImageConfig build() {
      return new ImageConfig(user, Optional.ofNullable(healthcheck), env, labels, entrypoint, cmd, workingDir,
          exposedPorts, Optional.ofNullable(created), history, history != null, layerDiffIds);
    }
  }
}
