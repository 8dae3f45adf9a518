package io.podarmor.internal.docker;

import com.github.dockerjava.api.DockerClient;
import io.podarmor.image.ImageException;
import io.podarmor.internal.docker.EngineLocator.Candidate;
import io.podarmor.internal.docker.EngineLocator.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import org.testcontainers.shaded.com.github.dockerjava.core.DefaultDockerClientConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.DockerClientImpl;
import org.testcontainers.shaded.com.github.dockerjava.core.LocalDirectorySSLConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.RemoteApiVersion;

/**
 * The Docker engine: the first that answers at the places {@link EngineLocator} lists, found once per JVM. An engine on
 * a unix socket is pinged and, for static checks, asked directly over that socket ({@link #images()}); the engine
 * client, with the transport Testcontainers ships, is made only when a container is run or an engine is reached over
 * TCP. None of Testcontainers' machinery runs (no strategy search, no reaper, no checks, no registry-auth lookup
 * through its own engine client, no helper image pulled), and no environment variable is needed (PodArmor removes its
 * own containers). Every connection is given {@value #CONNECT_SECONDS} s to open, so an engine that does not answer
 * cannot hang a run. When no engine answers within {@value #TOTAL_SECONDS} seconds, every call fails at once with the
 * places looked at.
 */
public final class Docker {
  static final int TOTAL_SECONDS = 10;
  static final int CONNECT_SECONDS = 5;
  private static final Duration PING = Duration.ofSeconds(5);

  /** The engine found, or why none was: asked once per JVM. */
  private static volatile Engine engine;
  /** The client of an engine found on a unix socket, made when first needed. */
  private static volatile DockerClient lateClient;

  /**
   * Where the engine answered and, when it was reached through the engine client, that client; or the reason no
   * engine answered.
   */
  record Engine(Candidate place, DockerClient client, String host, String failure) {}

  private Docker() {}

  /** The shared client; fails with the places looked at when no engine answers. */
  public static DockerClient client() {
    Engine e = answering();
    if (e.client() != null) {
      return e.client();
    }
    DockerClient c = lateClient;
    if (c == null) {
      synchronized (Docker.class) {
        c = lateClient;
        if (c == null) {
          try {
            c = connect(e.place(), System.nanoTime() + TimeUnit.SECONDS.toNanos(TOTAL_SECONDS));
          } catch (RuntimeException | LinkageError | TimeoutException | ExecutionException ex) {
            throw new ImageException("The Docker engine at " + e.host() + " answered a ping, but its client could "
                + "not connect: " + reason(ex), ex);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ImageException("Interrupted while connecting to the Docker engine at " + e.host(), ex);
          }
          lateClient = c;
        }
      }
    }
    return c;
  }

  /** The engine's images, for static checks: over its unix socket when it has one, else through the client. */
  public static EngineImages images() {
    Engine e = answering();
    return "unix".equals(e.place().host().getScheme()) ? new SocketImages(Path.of(e.place().host().getPath()))
        : new ClientImages(Docker::client);
  }

  private static Engine answering() {
    Engine e = engine();
    if (e.failure() != null) {
      throw new ImageException(e.failure());
    }
    return e;
  }

  /** Where the engine is, for messages, e.g. {@code unix:///var/run/docker.sock}. */
  public static String host() {
    Engine e = engine();
    return e.failure() != null ? "no engine answered" : e.host();
  }

  private static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (Docker.class) {
        e = engine;
        if (e == null) {
          e = find(EngineLocator.places(System.getenv(), Path.of(System.getProperty("user.home"))));
          engine = e;
        }
      }
    }
    return e;
  }

  /** The first place whose engine answers a ping, each given at most 5 s and all of them 10 s. */
  static Engine find(Places places) {
    List<String> looked = new ArrayList<>(places.notSet());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TOTAL_SECONDS);
    for (Candidate c : places.candidates()) {
      if ("unix".equals(c.host().getScheme()) && !Files.exists(Path.of(c.host().getPath()))) {
        looked.add(c + ": no such socket");
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        looked.add(c + ": not tried, out of time");
        continue;
      }
      try {
        if ("unix".equals(c.host().getScheme())) {
          ping(c, Math.min(left, PING.toNanos()));
          return new Engine(c, null, c.host().toString(), null);
        }
        return new Engine(c, connect(c, deadline), c.host().toString(), null);
      } catch (RuntimeException | LinkageError | TimeoutException | ExecutionException e) {
        looked.add(c + ": " + reason(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        looked.add(c + ": interrupted");
        break;
      }
    }
    return new Engine(null, null, null, "No Docker engine answered; looked at: " + String.join("; ", looked)
        + ". Start one (sudo systemctl start docker, or dockerd; for podman, podman system service), or set "
        + "DOCKER_HOST to where it listens");
  }

  /**
   * A client of the engine at {@code c} that answered a ping: API 1.44 when the engine speaks it, else 1.32 (what
   * Testcontainers does, so docker-java's requests are the ones it is tested with).
   */
  private static DockerClient connect(Candidate c, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    DockerClient modern = client(c, RemoteApiVersion.VERSION_1_44);
    try {
      ping(modern, Math.min(deadline - System.nanoTime(), PING.toNanos()));
      return modern;
    } catch (ExecutionException e) {
      DockerClient older = client(c, RemoteApiVersion.VERSION_1_32);
      ping(older, Math.min(deadline - System.nanoTime(), PING.toNanos()));
      return older;
    }
  }

  private static DockerClient client(Candidate c, RemoteApiVersion version) {
    URI host = c.host();
    DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(host)
        .sslConfig(c.tlsCertPath() == null ? null : new LocalDirectorySSLConfig(c.tlsCertPath().toString()))
        .connectionTimeout(Duration.ofSeconds(CONNECT_SECONDS))
        .build();
    return DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(host.toString())
        .withApiVersion(version)
        .build(), http);
  }

  /** A ping straight over the unix socket: the engine answers {@code GET /_ping} with 200. */
  private static void ping(Candidate c, long nanos) throws InterruptedException, ExecutionException, TimeoutException {
    Path socket = Path.of(c.host().getPath());
    CompletableFuture<Void> ping = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (EngineSocket.Response r = EngineSocket.get(socket, "/_ping")) {
        if (r.status() == 200) {
          ping.complete(null);
        } else {
          ping.completeExceptionally(new IOException("it answered a ping with status " + r.status()));
        }
      } catch (IOException | RuntimeException e) {
        ping.completeExceptionally(e);
      }
    }, "podarmor-engine-ping");
    t.setDaemon(true);
    t.start();
    ping.get(nanos, TimeUnit.NANOSECONDS);
  }

  private static void ping(DockerClient client, long nanos)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<Void> ping = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        client.pingCmd().exec();
        ping.complete(null);
      } catch (RuntimeException | LinkageError e) {
        ping.completeExceptionally(e);
      }
    }, "podarmor-engine-ping");
    t.setDaemon(true);
    t.start();
    ping.get(nanos, TimeUnit.NANOSECONDS);
  }

  private static String reason(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within " + PING.toSeconds() + " s";
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** For tests: the engine of these places, as {@link #client()} would find it. */
  static Engine findFor(Map<String, String> env, Path home) {
    return find(EngineLocator.places(env, home));
  }
}
