package io.podarmor.adversary;

import io.podarmor.assertj.ImageAssert;
import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.RawImage;
import io.podarmor.testing.RawTar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The vocabulary of the adversarial corpus: a case is a crafted input, how to open it, and the answer PodArmor
 * promises for it. The cases themselves are in {@link AdversarialCorpus}.
 */
final class Corpus {
  private Corpus() {}

  /** What PodArmor answers for an image's property. */
  enum Outcome { PASSES, FAILS, CANNOT_DECIDE }

  /** The promise for one input. */
  sealed interface Promise permits Rejected, Verdicts {}

  /** Opening or reading the image throws an {@code ImageException} whose message contains {@code fragment}. */
  record Rejected(String fragment) implements Promise {}

  /** The image is read, and each check gives its outcome. */
  record Verdicts(List<Verdict> verdicts) implements Promise {}

  /** One check and its outcome; for a failure or an undecided one, a fragment of the message. */
  record Verdict(String check, Consumer<ContainerImage> run, Outcome outcome, String fragment) {}

  /** One crafted input: its class, what it is, how it is written and opened, what PodArmor promises. */
  record Case(String kind, String name, Function<Path, ContainerImage> open, Promise promise) {
    @Override
    public String toString() {
      return kind + ": " + name;
    }
  }

  /** Collects cases of one class. */
  static final class Cases {
    final List<Case> all = new ArrayList<>();
    private String kind;

    Cases kind(String kind) {
      this.kind = kind;
      return this;
    }

    Cases add(String name, Function<Path, ContainerImage> open, Promise promise) {
      all.add(new Case(kind, name, open, promise));
      return this;
    }
  }

  static Promise rejected(String fragment) {
    return new Rejected(fragment);
  }

  static Promise verdicts(Verdict... verdicts) {
    return new Verdicts(List.of(verdicts));
  }

  static Verdict passes(String check, Consumer<ImageAssert> assertion) {
    return new Verdict(check, image -> assertion.accept(io.podarmor.assertj.PodArmorAssertions.assertThat(image)),
        Outcome.PASSES, "");
  }

  static Verdict fails(String check, Consumer<ImageAssert> assertion, String fragment) {
    return new Verdict(check, image -> assertion.accept(io.podarmor.assertj.PodArmorAssertions.assertThat(image)),
        Outcome.FAILS, fragment);
  }

  static Verdict cannotDecide(String check, Consumer<ImageAssert> assertion, String fragment) {
    return new Verdict(check, image -> assertion.accept(io.podarmor.assertj.PodArmorAssertions.assertThat(image)),
        Outcome.CANNOT_DECIDE, fragment);
  }

  /** A check on the image itself, written as an assertion that throws {@code AssertionError}. */
  static Verdict holds(String check, Consumer<ContainerImage> assertion) {
    return new Verdict(check, assertion, Outcome.PASSES, "");
  }

  // --- inputs ---

  /** A {@code docker save} archive of these layers with these {@code config} members. */
  static Function<Path, ContainerImage> archive(String configMembers, byte[]... layers) {
    return archiveWithConfig(RawImage.config(configMembers), layers);
  }

  /** A {@code docker save} archive with this whole config ({@code DIFF_IDS} stands for the diff IDs). */
  static Function<Path, ContainerImage> archiveWithConfig(String config, byte[]... layers) {
    return new Archive(config, layers);
  }

  /**
   * An input that is a {@code docker save} archive of raw parts: the engine oracle can load the same parts (with a
   * busybox of its own added) and run them.
   */
  static final class Archive implements Function<Path, ContainerImage> {
    final String config;
    final byte[][] layers;

    Archive(String config, byte[]... layers) {
      this.config = config;
      this.layers = layers;
    }

    @Override
    public ContainerImage apply(Path dir) {
      return ContainerImage.fromDockerArchive(
          RawImage.of(config, layers).writeDockerArchive(dir.resolve("image.tar"), "podarmor-corpus/case:1"));
    }
  }

  /** An OCI layout of these uncompressed layers with these {@code config} members. */
  static Function<Path, ContainerImage> layout(String configMembers, byte[]... layers) {
    return dir -> ContainerImage.fromOciLayout(
        RawImage.of(RawImage.config(configMembers), layers).writeOciLayout(dir.resolve("layout")));
  }

  /** The static busybox, a shell by content. */
  static byte[] busybox() {
    return read(Binaries.busybox());
  }

  /** A program of the machine running the tests, as its bytes. */
  static byte[] read(Path program) {
    try {
      return Files.readAllBytes(program);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A layer with {@code /etc/passwd} (and {@code /etc/group} with root) as given. */
  static byte[] passwd(String passwd) {
    return RawTar.create().dir("etc", 0755).file("etc/passwd", passwd, 0644).file("etc/group", "root:x:0:\n", 0644)
        .end();
  }

  /** A layer with {@code /etc/passwd} as raw bytes. */
  static byte[] passwd(byte[] passwd) {
    return RawTar.create().dir("etc", 0755).file("etc/passwd", passwd, 0644).end();
  }

  /** The JSON member {@code "User":"<user>"}, the user escaped for JSON. */
  static String user(String user) {
    return "\"User\":\"" + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
