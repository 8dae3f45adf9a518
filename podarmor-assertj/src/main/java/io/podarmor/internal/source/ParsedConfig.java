package io.podarmor.internal.source;

import io.podarmor.internal.fs.ImageLimits;
import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.Healthcheck;
import io.podarmor.image.HistoryEntry;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Digests;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An image config blob, parsed as the engine's Go decoder reads it ({@link Json}): the public {@link ImageConfig},
 * the platform and the layers' diff IDs.
 */
final class ParsedConfig {
  final String digest;
  final ImageConfig config;
  final Platform platform;
  final List<String> diffIds;
  /** The blob's size in bytes: what the parsed config costs to keep, roughly. */
  final long size;

  private ParsedConfig(String digest, ImageConfig config, Platform platform, List<String> diffIds, long size) {
    this.digest = digest;
    this.config = config;
    this.platform = platform;
    this.diffIds = diffIds;
    this.size = size;
  }

  /** Parses a config blob; configs are content-addressed, so each is parsed once per JVM whatever its source. */
  static ParsedConfig parse(byte[] bytes, String what) {
    String digest = Digests.sha256(bytes);
    return Caches.CONFIGS.get(digest, () -> {
      ParsedConfig parsed = read(bytes, what);
      DiskCache.putConfig(digest, bytes);
      return parsed;
    });
  }

  /** The config with this digest if some source already parsed it, in this run or (on disk) an earlier one. */
  static java.util.Optional<ParsedConfig> known(String digest, String what) {
    java.util.Optional<ParsedConfig> parsed = cached(digest);
    return parsed.isPresent() ? parsed : DiskCache.config(digest).map(bytes -> parse(bytes, what));
  }

  /** The config with this digest if some source already parsed it. */
  static java.util.Optional<ParsedConfig> cached(String digest) {
    return Caches.CONFIGS.peek(digest);
  }

  private static ParsedConfig read(byte[] bytes, String what) {
    JsonNode root = Json.parse(bytes, what);
    EngineImageShape.check(root, what);
    JsonNode rootfs = Json.object(root, "rootfs", what, "");
    List<String> diffIds = Json.strings(rootfs, "diff_ids", what, "rootfs");
    if (diffIds == null) {
      throw new ImageException(what + " has no rootfs.diff_ids: not an image config");
    }
    if (diffIds.size() > ImageLimits.MAX_LAYERS) {
      throw new ImageException(what + " has " + diffIds.size() + " layers; the Docker engine refuses more than "
          + ImageLimits.MAX_LAYERS + " (max depth exceeded)");
    }
    for (String d : diffIds) {
      Digests.requireSha256(d, what + " rootfs.diff_ids");
    }
    String os = Json.text(root, "os", what, "");
    String arch = Json.text(root, "architecture", what, "");
    Platform platform = Platform.of(os == null || os.isEmpty() ? "unknown" : os,
        arch == null || arch.isEmpty() ? "unknown" : arch, Json.text(root, "variant", what, ""));

    ImageConfig.Builder b = ImageConfig.builder();
    JsonNode c = Json.object(root, "config", what, "");
    if (c != null) {
      b.user(Json.text(c, "User", what, "config"));
      List<String> env = Json.strings(c, "Env", what, "config");
      if (env != null) {
        b.env(env);
      }
      b.labels(Json.stringMap(c, "Labels", what, "config"));
      b.entrypoint(Json.strSlice(c, "Entrypoint", what, "config"));
      b.cmd(Json.strSlice(c, "Cmd", what, "config"));
      b.workingDir(Json.text(c, "WorkingDir", what, "config"));
      JsonNode ports = Json.object(c, "ExposedPorts", what, "config");
      if (ports != null) {
        List<String> names = new ArrayList<>();
        ports.fieldNames().forEachRemaining(names::add);
        b.exposedPorts(names);
      }
      JsonNode hc = Json.object(c, "Healthcheck", what, "config");
      if (hc != null) {
        String at = "config.Healthcheck";
        Long retries = Json.number(hc, "Retries", what, at);
        b.healthcheck(Healthcheck.of(Json.strings(hc, "Test", what, at), nanos(Json.number(hc, "Interval", what, at)),
            nanos(Json.number(hc, "Timeout", what, at)), nanos(Json.number(hc, "StartPeriod", what, at)),
            retries == null ? null : retries.intValue()));
      }
    }
    b.created(instant(Json.field(root, "created", what, "")));
    b.layerDiffIds(diffIds);
    JsonNode history = Json.array(root, "history", what, "");
    if (history != null) {
      List<HistoryEntry> entries = new ArrayList<>();
      int i = 0;
      for (JsonNode h : history) {
        String at = "history[" + i++ + "]";
        if (!h.isObject()) {
          throw new ImageException(what + ": " + at + " is not an object (the engine's decoder refuses it)");
        }
        entries.add(HistoryEntry.of(instant(Json.field(h, "created", what, at)),
            Json.text(h, "created_by", what, at), Json.text(h, "comment", what, at),
            Json.text(h, "author", what, at), Json.bool(h, "empty_layer", what, at)));
      }
      b.history(entries);
    }
    return new ParsedConfig(Digests.sha256(bytes), b.build(), platform, List.copyOf(diffIds), bytes.length);
  }

  private static Duration nanos(Long n) {
    return n == null || n == 0 ? null : Duration.ofNanos(n);
  }

  /** A creation time, or {@code null} when missing or not an RFC 3339 time (checks that need it cannot decide). */
  private static Instant instant(JsonNode node) {
    String text = node == null || !node.isTextual() ? null : node.textValue();
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
