package io.podarmor.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the adversarial corpus ({@link AdversarialCorpus}): for each crafted input, exactly the promised answer, and
 * nothing else: no other exception, no {@code Error}, within {@link #LIMIT}. It runs in its own Surefire execution
 * under {@code -Xmx256m}, so an input that costs unbounded memory fails here.
 */
class AdversarialCorpusTest {
  /** The time one case may take, writing its input included. */
  static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir
  static Path tmp;

  @TestFactory
  Stream<DynamicNode> the_promised_answer_for_every_crafted_input() {
    Map<String, List<Corpus.Case>> byKind = new LinkedHashMap<>();
    List<Corpus.Case> all = AdversarialCorpus.cases();
    for (Corpus.Case c : all) {
      byKind.computeIfAbsent(c.kind(), k -> new java.util.ArrayList<>()).add(c);
    }
    int[] n = {0};
    return byKind.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(
        e.getKey() + " (" + e.getValue().size() + " cases)",
        e.getValue().stream().map(c -> DynamicTest.dynamicTest(c.name(),
            () -> assertTimeoutPreemptively(LIMIT, () -> run(c, dir(n[0]++)))))));
  }

  /** Checks one case's promise. */
  static void run(Corpus.Case c, Path dir) {
    ContainerImage image;
    try {
      image = c.open().apply(dir);
      image.config();
      image.filesystem();
    } catch (ImageException e) {
      if (c.promise() instanceof Corpus.Rejected rejected) {
        assertThat(e.getMessage()).as("the rejection of %s", c).contains(rejected.fragment());
        return;
      }
      throw new AssertionError(c + ": expected the image to be read, but: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      throw new AssertionError(c + ": broken promise (an answer or an ImageException): " + e, e);
    }
    if (c.promise() instanceof Corpus.Rejected rejected) {
      fail("%s: expected an ImageException containing \"%s\", but the image was read", c, rejected.fragment());
    }
    for (Corpus.Verdict v : ((Corpus.Verdicts) c.promise()).verdicts()) {
      check(c, v, image);
    }
  }

  private static void check(Corpus.Case c, Corpus.Verdict v, ContainerImage image) {
    String message;
    try {
      v.run().accept(image);
      message = null;
    } catch (AssertionError e) {
      message = String.valueOf(e.getMessage());
    } catch (RuntimeException | Error e) {
      throw new AssertionError(c + ": " + v.check() + " broke the promise (an answer, not " + e + ")", e);
    }
    switch (v.outcome()) {
      case PASSES:
        assertThat(message).as("%s: %s should pass", c, v.check()).isNull();
        break;
      case FAILS:
        assertThat(message).as("%s: %s should fail", c, v.check()).isNotNull().contains(v.fragment())
            .doesNotContain("but could not decide");
        break;
      case CANNOT_DECIDE:
        assertThat(message).as("%s: %s should not decide", c, v.check()).isNotNull()
            .contains("but could not decide").contains(v.fragment());
        break;
      default:
        throw new IllegalStateException(v.outcome().toString());
    }
  }

  private static Path dir(int i) {
    try {
      return Files.createDirectories(tmp.resolve("case-" + i));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
