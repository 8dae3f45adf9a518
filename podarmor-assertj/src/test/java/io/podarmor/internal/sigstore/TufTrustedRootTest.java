package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.testing.TestSigstore;
import io.podarmor.testing.TestTufRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trusted root delivered by TUF, from a repository the test generates and serves on 127.0.0.1: first fetch and
 * cache, once per run, offline use of the cache and its expiry, root rotation, and each TUF rejection named.
 */
class TufTrustedRootTest {
  @TempDir
  Path tmp;
  byte[] trustedRoot;
  TestTufRepository repository;
  TufTrustedRoot.Source source;

  @BeforeEach
  void serve() throws IOException {
    trustedRoot = Files.readAllBytes(TestSigstore.create("tuf-unit").writeTrustedRoot(tmp.resolve("served.json")));
    repository = TestTufRepository.create(trustedRoot);
    source = new TufTrustedRoot.Source(repository.start(), repository.initialRoot(tmp.resolve("root.json")),
        tmp.resolve("cache"));
    TufTrustedRoot.forgetRefreshed();
  }

  @AfterEach
  void stop() {
    repository.close();
    TufTrustedRoot.forgetRefreshed();
  }

  @Test
  void the_first_fetch_verifies_and_caches_the_trusted_root() throws IOException {
    Path fetched = TufTrustedRoot.trustedRoot(source);
    assertThat(fetched).hasBinaryContent(trustedRoot);
    Path dir = source.directory();
    assertThat(fetched).isEqualTo(dir.resolve("targets").resolve("trusted_root.json"));
    assertThat(dir.getFileName().toString()).isEqualTo("127.0.0.1_" + repository.mirror().getPort());
    assertThat(dir.resolve("root.json")).isRegularFile();
    assertThat(dir.resolve("timestamp.json")).isRegularFile();
    assertThat(dir.resolve("snapshot.json")).isRegularFile();
    assertThat(dir.resolve("targets.json")).isRegularFile();
    // the verified trusted root is read by PodArmor and sigstore-java alike
    assertThat(TrustedRoot.load(fetched).tlogs()).hasSize(1);
  }

  @Test
  void a_run_refreshes_once() {
    TufTrustedRoot.trustedRoot(source);
    int requests = repository.requestCount();
    assertThat(TufTrustedRoot.trustedRoot(source)).hasBinaryContent(trustedRoot);
    assertThat(repository.requestCount()).isEqualTo(requests);
  }

  @Test
  void a_new_run_picks_up_a_new_trusted_root() throws IOException {
    TufTrustedRoot.trustedRoot(source);
    byte[] next = Files.readAllBytes(TestSigstore.create("tuf-next").writeTrustedRoot(tmp.resolve("next.json")));
    repository.publishTrustedRoot(next);
    TufTrustedRoot.forgetRefreshed();
    assertThat(TufTrustedRoot.trustedRoot(source)).hasBinaryContent(next);
  }

  @Test
  void offline_the_unexpired_cache_is_used() {
    TufTrustedRoot.trustedRoot(source);
    repository.stop();
    TufTrustedRoot.forgetRefreshed();
    assertThat(TufTrustedRoot.trustedRoot(source)).hasBinaryContent(trustedRoot);
  }

  @Test
  void offline_without_a_cache_says_what_to_do() {
    repository.stop();
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(source))
        .withMessageStartingWith("cannot refresh Sigstore's trusted root from the TUF repository " + source.mirror()
            + " (ConnectException")
        .withMessageEndingWith(", and the cache " + source.directory() + " holds no copy: connect to it once to"
            + " refresh the cache, set podarmor.trust.tuf-mirror (with podarmor.trust.tuf-root) to a TUF mirror you"
            + " can reach, or podarmor.trust.trusted-root to a trusted_root.json file");
  }

  @Test
  void offline_an_expired_cache_is_not_used() throws Exception {
    repository.close();
    repository = TestTufRepository.create(trustedRoot, Duration.ofSeconds(2));
    source = new TufTrustedRoot.Source(repository.start(), repository.initialRoot(tmp.resolve("root2.json")),
        tmp.resolve("cache2"));
    TufTrustedRoot.trustedRoot(source);
    repository.stop();
    TufTrustedRoot.forgetRefreshed();
    Thread.sleep(2_500);
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(source))
        .withMessageContaining(", and the copy cached in " + source.directory() + " expired at ")
        .withMessageContaining(" (its root metadata): connect to it once to refresh the cache");
  }

  @Test
  void a_root_rotation_is_followed() throws IOException {
    TufTrustedRoot.trustedRoot(source);
    repository.rotateRoot();
    TufTrustedRoot.forgetRefreshed();
    assertThat(TufTrustedRoot.trustedRoot(source)).hasBinaryContent(trustedRoot);
    assertThat(Files.readString(source.directory().resolve("root.json"))).contains("\"version\":2");
  }

  @Test
  void an_expired_timestamp_is_rejected_naming_the_tuf_error() {
    TufTrustedRoot.trustedRoot(source);
    repository.expireTimestamp();
    TufTrustedRoot.forgetRefreshed();
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(source))
        .withMessageStartingWith("the TUF repository " + source.mirror() + " is rejected: RoleExpiredException:"
            + " Trusted metadata is expired but no new versions are available at the mirror URL:(" + source.mirror())
        .withMessageEndingWith("; PodArmor does not use its trusted root (cache " + source.directory() + ")");
  }

  @Test
  void a_rolled_back_timestamp_is_rejected_naming_the_tuf_error() {
    repository.publishTrustedRoot(trustedRoot);
    TufTrustedRoot.trustedRoot(source);
    repository.rollBackTimestamp();
    TufTrustedRoot.forgetRefreshed();
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(source))
        .withMessage("the TUF repository " + source.mirror() + " is rejected: RollbackVersionException: Expected"
            + " version 2 or higher but found version 1; PodArmor does not use its trusted root (cache "
            + source.directory() + ")");
  }

  @Test
  void a_tampered_target_is_rejected_naming_the_tuf_error() {
    repository.tamperTarget();
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(source))
        .withMessageStartingWith("the TUF repository " + source.mirror() + " is rejected: InvalidHashesException: The"
            + " hashes for trusted_root.json did not match expectations: algorithm: sha256, expected hash: ");
  }

  @Test
  void a_root_signed_below_its_threshold_is_rejected_naming_the_tuf_error() {
    TufTrustedRoot.trustedRoot(source);
    repository.rootWithWrongThreshold();
    TufTrustedRoot.forgetRefreshed();
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(source))
        .withMessage("the TUF repository " + source.mirror() + " is rejected: SignatureVerificationException: The role"
            + " has not been signed by enough keys. [Theshold: 2, Actual: 1]; PodArmor does not use its trusted root"
            + " (cache " + source.directory() + ")");
  }

  @Test
  void a_missing_initial_root_is_named() {
    TufTrustedRoot.Source noRoot = new TufTrustedRoot.Source(source.mirror(), tmp.resolve("absent.json"),
        source.cache());
    assertThatIllegalArgumentException().isThrownBy(() -> TufTrustedRoot.trustedRoot(noRoot))
        .withMessage("the initial TUF root " + tmp.resolve("absent.json") + " of " + source.mirror() + " is not a"
            + " readable file; expected the repository's root.json, as its operator publishes it");
  }

  @Test
  void a_repository_that_stalls_mid_file_is_cut_off_and_counts_as_unreachable() throws Exception {
    // headers promise 1,000 bytes, 10 arrive, then nothing: without a deadline on the whole file this hangs forever
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread stall = new Thread(() -> {
        try (Socket s = server.accept()) {
          s.getInputStream().read(new byte[4096]);
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789")
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          Thread.sleep(20_000);
        } catch (IOException | InterruptedException e) {
          // cut off by the client, or the test ended
        }
      });
      stall.setDaemon(true);
      stall.start();
      URI mirror = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
      long start = System.nanoTime();
      assertThatThrownBy(() -> new TufTrustedRoot.Http(mirror, Duration.ofSeconds(1))
          .fetchResource("timestamp.json", 4096))
          .isInstanceOf(TufTrustedRoot.Unreachable.class)
          .hasMessage("no whole answer within 1 s from " + mirror + "timestamp.json");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void a_file_longer_than_its_metadata_allows_is_refused_not_read_whole() {
    repository.stop();
    repository.start();
    assertThatThrownBy(() -> new TufTrustedRoot.Http(repository.mirror(), Duration.ofSeconds(5))
        .fetchResource("1.root.json", 10))
        .isInstanceOf(IOException.class).isNotInstanceOf(TufTrustedRoot.Unreachable.class)
        .hasMessage(repository.mirror() + "1.root.json is longer than the 10 bytes its metadata allows");
  }
}
