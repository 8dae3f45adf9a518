package io.podarmor.internal.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns docker-java's exception text ({@code Status 409: {"message":"…"}}) into the engine's own message. */
final class EngineErrors {
  private static final Pattern JSON_MESSAGE = Pattern.compile("\\{\"message\":\"(.*)\"\\}\\s*$", Pattern.DOTALL);

  private EngineErrors() {}

  static String message(Throwable e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    Matcher m = JSON_MESSAGE.matcher(text);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\n", " ").strip();
    }
    return text;
  }
}
