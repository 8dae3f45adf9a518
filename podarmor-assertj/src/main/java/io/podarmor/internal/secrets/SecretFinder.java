package io.podarmor.internal.secrets;

import io.podarmor.image.ImageConfig;
import io.podarmor.internal.fs.ScanFinding;
import io.podarmor.internal.history.BuildStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every secret an image carries, redacted, one line each: config Env and labels, ENV/ARG assignments in the history,
 * then files of every layer (found while the layers were indexed, so this is a lookup).
 */
public final class SecretFinder {
  private SecretFinder() {}

  /**
   * The secrets, config first ({@code ENV DB_PASSWORD=hun… (config Env)}), then history
   * ({@code ARG TOKEN=abc… (history step 3)}), then files ({@code /root/.netrc (layer 2: password hunt…)}).
   *
   * @param history the config's history as parsed steps (also when it cannot decide history checks)
   * @param fileSecrets what the files of every layer held, found while they were indexed
   */
  public static List<String> find(ImageConfig config, List<BuildStep> history, List<ScanFinding> fileSecrets) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> env : config.env().entrySet()) {
      assignment("ENV", env.getKey(), env.getValue(), "config Env", found);
    }
    for (Map.Entry<String, String> label : config.labels().entrySet()) {
      assignment("LABEL", label.getKey(), label.getValue(), "config label", found);
    }
    for (BuildStep step : history) {
      for (HistoryAssignments.Assignment a : HistoryAssignments.parse(step)) {
        assignment(a.instruction(), a.name(), a.value(), "history step " + (step.index() + 1), found);
      }
    }
    List<ScanFinding> files = new ArrayList<>(fileSecrets);
    files.sort(Comparator.comparingInt(ScanFinding::layer).thenComparing(ScanFinding::path));
    for (ScanFinding file : files) {
      found.add(file.toString());
    }
    return found;
  }

  /** A secret-named assignment with a value, or any value holding a known token format. */
  private static void assignment(String instruction, String name, String value, String where, List<String> found) {
    if (SecretRules.isSecret(name, value)) {
      found.add(instruction + " " + name + "=" + SecretRules.redact(value.trim()) + " (" + where + ")");
      return;
    }
    for (String token : TokenScanner.scan(value)) {
      found.add(instruction + " " + name + ": " + token + " (" + where + ")");
    }
  }
}
