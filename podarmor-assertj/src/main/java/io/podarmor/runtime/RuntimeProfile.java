package io.podarmor.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RunningContainer} is started: root filesystem, tmpfs mounts, capabilities, privilege escalation,
 * network, and optionally a keep-alive command instead of the image's own entrypoint and command. Every profile
 * uses network mode {@code none} unless told otherwise. Profiles are immutable values; equal profiles share a
 * container in the JUnit extension.
 *
 * <pre>{@code
 * RunningContainer.start(image, RuntimeProfile.RESTRICTED);
 * RunningContainer.start(cliImage, RuntimeProfile.DEFAULT.withKeepAlive("/usr/bin/tool", "serve"));
 * }</pre>
 */
public final class RuntimeProfile {
  /** The image as it is: its own user, entrypoint and command, a writable root filesystem, no network. */
  public static final RuntimeProfile DEFAULT = builder("default").build();

  /**
   * What a hardened orchestrator imposes: a read-only root filesystem with a tmpfs on {@code /tmp}, every
   * capability dropped, {@code no-new-privileges}, no network. Like Kubernetes' restricted Pod Security Standard
   * with {@code readOnlyRootFilesystem: true} and an {@code emptyDir} on {@code /tmp}.
   */
  public static final RuntimeProfile RESTRICTED = builder("restricted")
      .readOnlyRootFilesystem(true)
      .tmpfs("/tmp", "rw,nosuid,nodev,size=64m")
      .dropCapabilities("ALL")
      .noNewPrivileges(true)
      .build();

  private final String name;
  private final boolean readOnlyRootFilesystem;
  private final Map<String, String> tmpfs;
  private final List<String> droppedCapabilities;
  private final boolean noNewPrivileges;
  private final String networkMode;
  private final List<String> keepAlive;

  private RuntimeProfile(Builder b) {
    this.name = b.name;
    this.readOnlyRootFilesystem = b.readOnlyRootFilesystem;
    this.tmpfs = Collections.unmodifiableMap(new LinkedHashMap<>(b.tmpfs));
    this.droppedCapabilities = List.copyOf(b.droppedCapabilities);
    this.noNewPrivileges = b.noNewPrivileges;
    this.networkMode = b.networkMode;
    this.keepAlive = b.keepAlive == null ? null : List.copyOf(b.keepAlive);
  }

  /** A new profile with this name (for messages and container labels), starting from the defaults. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this profile's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.readOnlyRootFilesystem = readOnlyRootFilesystem;
    b.tmpfs.putAll(tmpfs);
    b.droppedCapabilities.addAll(droppedCapabilities);
    b.noNewPrivileges = noNewPrivileges;
    b.networkMode = networkMode;
    b.keepAlive = keepAlive;
    return b;
  }

  /**
   * This profile, but the container runs {@code command} as its main process instead of the image's entrypoint and
   * command, as {@code docker run --entrypoint command[0] image command[1..]} does. For CLI images whose own
   * process exits at once, give a long-running command the image has, e.g. {@code "/usr/bin/tool", "serve"}.
   * The user stays the image's own.
   */
  public RuntimeProfile withKeepAlive(String... command) {
    Objects.requireNonNull(command, "command");
    if (command.length == 0 || command[0] == null || command[0].isBlank()) {
      throw new IllegalArgumentException("A keep-alive command needs at least a program, e.g. \"/app\", \"serve\"");
    }
    return toBuilder().keepAlive(Arrays.asList(command)).build();
  }

  /** This profile with another network mode, e.g. {@code bridge} for an image whose health check needs one. */
  public RuntimeProfile withNetworkMode(String networkMode) {
    return toBuilder().networkMode(networkMode).build();
  }

  /** The profile's name, e.g. {@code restricted}. */
  public String name() {
    return name;
  }

  /** True when the root filesystem is mounted read-only. */
  public boolean readOnlyRootFilesystem() {
    return readOnlyRootFilesystem;
  }

  /** Tmpfs mounts: path to mount options, as {@code docker run --tmpfs path:options}. */
  public Map<String, String> tmpfs() {
    return tmpfs;
  }

  /** Capabilities dropped, e.g. {@code [ALL]}. */
  public List<String> droppedCapabilities() {
    return droppedCapabilities;
  }

  /** True when the process cannot gain privileges ({@code no-new-privileges}). */
  public boolean noNewPrivileges() {
    return noNewPrivileges;
  }

  /** The network mode; {@code none} unless changed. */
  public String networkMode() {
    return networkMode;
  }

  /** The keep-alive command that replaces the image's entrypoint and command, if any. */
  public Optional<List<String>> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  /** What this profile imposes, e.g. {@code read-only root filesystem, tmpfs /tmp, cap-drop ALL, …}. */
  public String description() {
    List<String> parts = new ArrayList<>();
    if (readOnlyRootFilesystem) {
      parts.add("read-only root filesystem");
    }
    tmpfs.keySet().forEach(path -> parts.add("tmpfs " + path));
    if (!droppedCapabilities.isEmpty()) {
      parts.add("cap-drop " + String.join(",", droppedCapabilities));
    }
    if (noNewPrivileges) {
      parts.add("no-new-privileges");
    }
    parts.add("network " + networkMode);
    if (keepAlive != null) {
      parts.add("keep-alive " + String.join(" ", keepAlive));
    }
    return String.join(", ", parts);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RuntimeProfile)) {
      return false;
    }
    RuntimeProfile p = (RuntimeProfile) o;
    return name.equals(p.name) && readOnlyRootFilesystem == p.readOnlyRootFilesystem && tmpfs.equals(p.tmpfs)
        && droppedCapabilities.equals(p.droppedCapabilities) && noNewPrivileges == p.noNewPrivileges
        && networkMode.equals(p.networkMode) && Objects.equals(keepAlive, p.keepAlive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, readOnlyRootFilesystem, tmpfs, droppedCapabilities, noNewPrivileges, networkMode,
        keepAlive);
  }

  /** {@code restricted (read-only root filesystem, tmpfs /tmp, cap-drop ALL, no-new-privileges, network none)}. */
  @Override
  public String toString() {
    return name + " (" + description() + ")";
  }

  /** Builds a {@link RuntimeProfile}. */
  public static final class Builder {
    private final String name;
    private boolean readOnlyRootFilesystem;
    private final Map<String, String> tmpfs = new LinkedHashMap<>();
    private final List<String> droppedCapabilities = new ArrayList<>();
    private boolean noNewPrivileges;
    private String networkMode = "none";
    private List<String> keepAlive;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("A runtime profile needs a name, e.g. \"restricted\"");
      }
      this.name = name;
    }

    /** Sets whether the root filesystem is mounted read-only. */
    public Builder readOnlyRootFilesystem(boolean readOnly) {
      this.readOnlyRootFilesystem = readOnly;
      return this;
    }

    /** Adds a tmpfs mount at an absolute path with {@code docker run --tmpfs} options (may be empty). */
    public Builder tmpfs(String path, String options) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("A tmpfs mount needs an absolute path, but got " + path);
      }
      tmpfs.put(path, options == null ? "" : options);
      return this;
    }

    /** Capabilities to drop, by name as {@code docker run --cap-drop} takes them: {@code ALL}, {@code NET_RAW}. */
    public Builder dropCapabilities(String... capabilities) {
      for (String c : capabilities) {
        droppedCapabilities.add(c.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", ""));
      }
      return this;
    }

    /** Sets whether {@code no-new-privileges} is on. */
    public Builder noNewPrivileges(boolean noNewPrivileges) {
      this.noNewPrivileges = noNewPrivileges;
      return this;
    }

    /** The network mode: {@code none} (the default), {@code bridge}, or a network name. */
    public Builder networkMode(String networkMode) {
      if (networkMode == null || networkMode.isBlank()) {
        throw new IllegalArgumentException("A network mode is required, e.g. \"none\" or \"bridge\"");
      }
      this.networkMode = networkMode;
      return this;
    }

    /** The command that replaces the image's entrypoint and command; {@code null} keeps the image's own. */
    public Builder keepAlive(List<String> command) {
      this.keepAlive = command == null ? null : List.copyOf(command);
      return this;
    }

    /** Builds it. */
    public RuntimeProfile build() {
      return new RuntimeProfile(this);
    }
  }
}
