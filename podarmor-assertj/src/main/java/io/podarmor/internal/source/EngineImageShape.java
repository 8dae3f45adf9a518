package io.podarmor.internal.source;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of the structs the engine decodes an image config into (docker's {@code image.Image} with its
 * {@code container.Config}, {@code HealthConfig}, root FS and history), and a check of a config against it as Go's
 * {@code encoding/json} decodes: every value of a known field must have that field's type, or the engine refuses the
 * whole config; two keys that fold to one field are ambiguous ({@link Json#field}); unknown keys are ignored.
 */
final class EngineImageShape {
  /** A Go type, as far as decoding JSON into it goes. */
  private interface Shape {
    /**
     * Checks a value (not null) at {@code at} of the document {@code what}.
     *
     * @throws ImageException when Go's decoder refuses it
     */
    void check(JsonNode value, String what, String at);
  }

  private static final Shape STRING = scalar(JsonNode::isTextual, "a string");
  private static final Shape BOOL = scalar(JsonNode::isBoolean, "true or false");
  private static final Shape INT = scalar(v -> v.isIntegralNumber() && v.canConvertToLong(), "a whole number");
  /** {@code time.Time}: an RFC 3339 string. */
  private static final Pattern RFC3339 = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Shape TIME = scalar(v -> v.isTextual() && isTime(v.textValue()), "an RFC 3339 time");
  private static final Shape STRINGS = list(STRING);
  /** {@code strslice.StrSlice}: one string, or an array of them. */
  private static final Shape STR_SLICE = (v, what, at) -> {
    if (!v.isTextual()) {
      STRINGS.check(v, what, at);
    }
  };
  private static final Shape STRING_MAP = map(STRING);
  /** {@code map[string]struct{}} (volumes, exposed ports): each value an object, whatever it holds. */
  private static final Shape SET = map(scalar(JsonNode::isObject, "an object"));

  private static final Shape HEALTH = struct(
      "Test", STRINGS, "Interval", INT, "Timeout", INT, "StartPeriod", INT, "Retries", INT);
  private static final Shape CONFIG = struct(
      "Hostname", STRING, "Domainname", STRING, "User", STRING, "AttachStdin", BOOL, "AttachStdout", BOOL,
      "AttachStderr", BOOL, "ExposedPorts", SET, "Tty", BOOL, "OpenStdin", BOOL, "StdinOnce", BOOL, "Env", STRINGS,
      "Cmd", STR_SLICE, "Healthcheck", HEALTH, "ArgsEscaped", BOOL, "Image", STRING, "Volumes", SET,
      "WorkingDir", STRING, "Entrypoint", STR_SLICE, "NetworkDisabled", BOOL, "MacAddress", STRING,
      "OnBuild", STRINGS, "Labels", STRING_MAP, "StopSignal", STRING, "StopTimeout", INT, "Shell", STR_SLICE);
  private static final Shape ROOTFS = struct("type", STRING, "diff_ids", STRINGS);
  private static final Shape HISTORY = struct(
      "created", TIME, "author", STRING, "created_by", STRING, "comment", STRING, "empty_layer", BOOL);
  private static final Shape IMAGE = struct(
      "id", STRING, "parent", STRING, "comment", STRING, "created", TIME, "container", STRING,
      "container_config", CONFIG, "docker_version", STRING, "author", STRING, "config", CONFIG,
      "architecture", STRING, "variant", STRING, "os", STRING, "Size", INT, "rootfs", ROOTFS,
      "history", list(HISTORY), "os.version", STRING, "os.features", STRINGS);

  private EngineImageShape() {}

  /**
   * Checks an image config as the engine decodes it.
   *
   * @throws ImageException naming the field and what the engine expects, or the ambiguous keys
   */
  static void check(JsonNode root, String what) {
    if (!root.isObject()) {
      throw new ImageException(what + " is not a JSON object: not an image config");
    }
    IMAGE.check(root, what, "");
  }

  private static Shape scalar(java.util.function.Predicate<JsonNode> accepts, String expected) {
    return (v, what, at) -> {
      if (!accepts.test(v)) {
        throw refused(what, at, v, expected);
      }
    };
  }

  private static Shape struct(Object... nameAndShape) {
    Map<String, Shape> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameAndShape.length; i += 2) {
      fields.put((String) nameAndShape[i], (Shape) nameAndShape[i + 1]);
    }
    return (v, what, at) -> {
      if (!v.isObject()) {
        throw refused(what, at, v, "an object");
      }
      for (Map.Entry<String, Shape> f : fields.entrySet()) {
        JsonNode value = Json.field(v, f.getKey(), what, at); // refuses two keys for one field
        if (value != null) {
          f.getValue().check(value, what, at.isEmpty() ? f.getKey() : at + "." + f.getKey());
        }
      }
    };
  }

  private static Shape list(Shape element) {
    return (v, what, at) -> {
      if (!v.isArray()) {
        throw refused(what, at, v, "an array");
      }
      int i = 0;
      for (JsonNode e : v) {
        if (!e.isNull()) {
          element.check(e, what, at + "[" + i + "]");
        }
        i++;
      }
    };
  }

  private static Shape map(Shape value) {
    return (v, what, at) -> {
      if (!v.isObject()) {
        throw refused(what, at, v, "an object");
      }
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (!e.getValue().isNull()) {
          value.check(e.getValue(), what, at + "." + e.getKey());
        }
      }
    };
  }

  private static ImageException refused(String what, String at, JsonNode v, String expected) {
    return new ImageException(what + ": " + at + " is " + describe(v) + ", expected " + expected
        + " (the engine's decoder refuses it)");
  }

  private static boolean isTime(String s) {
    if (!RFC3339.matcher(s).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String describe(JsonNode v) {
    return v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.isArray() ? "an array"
        : v.isObject() ? "an object" : v.isTextual() ? "a string" : "null";
  }
}
