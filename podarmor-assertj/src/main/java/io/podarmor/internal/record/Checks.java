package io.podarmor.internal.record;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one assertion body and records how it ended: passed, or failed with the evidence lines of its message.
 * The assertion's own error propagates unchanged, so soft assertions and AssertJ's error handling are untouched.
 */
public final class Checks {
  /** What the running assertion's pass rests on, noted by its body; a thread's checks run one at a time. */
  private static final ThreadLocal<List<String>> PASS_EVIDENCE = new ThreadLocal<>();

  private Checks() {}

  /**
   * Notes what a pass of the assertion now running rests on, e.g. the verified signer or the SBOM formats; the
   * report shows the first line as the chip's detail. Outside {@link #run} it does nothing.
   */
  public static void passEvidence(String... lines) {
    List<String> collected = PASS_EVIDENCE.get();
    if (collected != null) {
      collected.addAll(List.of(lines));
    }
  }

  /**
   * Runs {@code body}; records a pass when it returns, a failure when it throws an {@link AssertionError}.
   *
   * @param reference the image reference
   * @param digest    the image digest
   * @param property  a {@link Properties} key
   * @param assertion the assertion as the user wrote it, e.g. {@code runsAsUid(65532)}
   * @param method    how the property is verified, e.g. {@code static: merged filesystem}
   */
  public static <T> T run(String reference, String digest, String property, String assertion, String method,
      Supplier<T> body) {
    T result;
    List<String> outer = PASS_EVIDENCE.get();
    List<String> passEvidence = new ArrayList<>();
    PASS_EVIDENCE.set(passEvidence);
    try {
      result = body.get();
    } catch (AssertionError e) {
      if (!CheckRecorder.hasListeners()) {
        throw withoutRecordingFrames(e);
      }
      CheckRecorder.record(new CheckRecord(reference, digest, property, assertion, Outcome.FAILED, method,
          evidence(e.getMessage()), null));
      throw withoutRecordingFrames(e);
    } finally {
      PASS_EVIDENCE.set(outer);
    }
    if (!CheckRecorder.hasListeners()) {
      return result;
    }
    CheckRecorder.record(new CheckRecord(reference, digest, property, assertion, Outcome.PASSED, method,
        passEvidence, null));
    return result;
  }

  /**
   * AssertJ trims the assertion classes' own frames from a failure's stack trace, so it (and soft assertions'
   * "at Test.method(Test.java:42)") points at the user's line; the recording frames would stand in front of it.
   */
  private static AssertionError withoutRecordingFrames(AssertionError e) {
    StackTraceElement[] trace = e.getStackTrace();
    int first = 0;
    while (first < trace.length && isAssertionFrame(trace[first].getClassName())) {
      first++;
    }
    if (first > 0 && first < trace.length) {
      e.setStackTrace(java.util.Arrays.copyOfRange(trace, first, trace.length));
    }
    return e;
  }

  private static boolean isAssertionFrame(String className) {
    if (className.equals(Checks.class.getName()) || className.startsWith("org.assertj.")
        || className.contains("$ByteBuddy$")) {
      return true;
    }
    try {
      return org.assertj.core.api.AbstractAssert.class.isAssignableFrom(
          Class.forName(className, false, Checks.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Records a check that was waived instead of run: {@link Outcome#WAIVED} with the written reason.
   *
   * @param reason the waiver's written reason, not blank
   */
  public static void waived(String reference, String digest, String property, String assertion, String method,
      String reason) {
    if (CheckRecorder.hasListeners()) {
      CheckRecorder.record(new CheckRecord(reference, digest, property, assertion, Outcome.WAIVED, method,
          List.of("waived: " + reason), reason));
    }
  }

  /** The lines after {@code but found:} (or the whole message), trimmed, without blank lines. */
  static List<String> evidence(String message) {
    List<String> out = new ArrayList<>();
    if (message == null) {
      return out;
    }
    String text = message;
    int found = text.indexOf("but found:");
    if (found >= 0) {
      text = text.substring(found + "but found:".length());
    }
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
