package io.podarmor.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine socket's HTTP framing, against a server on a unix socket that answers with bytes the test writes. */
class EngineSocketTest {
  @TempDir Path tmp;

  @Test
  void a_chunked_body_is_read_whole_through_reads_and_skips() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\nhello\r\n" + "1;ext=1\r\n \r\n" + "6\r\nworld!\r\n" + "0\r\nX-Trailer: t\r\n\r\n";
    try (Server server = Server.answering(tmp, answer);
        EngineSocket.Response r = EngineSocket.get(server.socket, "/images/a%20b/get")) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().read()).isEqualTo('h');
      assertThat(r.body().skip(3)).isEqualTo(3);
      assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("o world!");
      assertThat(server.request()).startsWith("GET /images/a%20b/get HTTP/1.1\r\n").contains("Connection: close");
    }
  }

  @Test
  void a_sized_body_ends_at_its_length_and_a_short_one_fails() throws Exception {
    try (Server server = Server.answering(tmp, "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnopeEXTRA");
        EngineSocket.Response r = EngineSocket.get(server.socket, "/_ping")) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text(100)).isEqualTo("nope");
    }
    try (Server server = Server.answering(tmp, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        EngineSocket.Response r = EngineSocket.get(server.socket, "/_ping")) {
      assertThatThrownBy(() -> r.body().readAllBytes())
          .hasMessage("the engine closed the connection 5 bytes before the end of its answer");
    }
  }

  @Test
  void broken_framing_fails_with_what_was_wrong() throws Exception {
    try (Server server = Server.answering(tmp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        EngineSocket.Response r = EngineSocket.get(server.socket, "/x")) {
      assertThatThrownBy(() -> r.body().readAllBytes()).hasMessage("the engine sent a malformed chunk size: zz");
    }
    try (Server server = Server.answering(tmp, "SSH-2.0-OpenSSH\r\n\r\n")) {
      assertThatThrownBy(() -> EngineSocket.get(server.socket, "/x"))
          .hasMessage("the engine answered with no HTTP status line: SSH-2.0-OpenSSH");
    }
    try (Server server = Server.answering(tmp, "HTTP/1.1 200 OK\r\nServer: x")) {
      assertThatThrownBy(() -> EngineSocket.get(server.socket, "/x"))
          .hasMessage("the engine closed the connection in the middle of its response headers");
    }
  }

  @Test
  void references_are_escaped_outside_their_alphabet() {
    assertThat(EngineSocket.escape("127.0.0.1:5000/team/app:1.0@sha256:ab+c_d~e"))
        .isEqualTo("127.0.0.1:5000/team/app:1.0@sha256:ab+c_d~e");
    assertThat(EngineSocket.escape("a b?c#d%é\r\n")).isEqualTo("a%20b%3Fc%23d%25%C3%A9%0D%0A");
  }

  /** Accepts one connection, reads the request head, writes the answer and closes. */
  private static final class Server implements AutoCloseable {
    final Path socket;
    private final ServerSocketChannel channel;
    private final Thread thread;
    private final AtomicReference<String> request = new AtomicReference<>();

    private Server(Path socket, ServerSocketChannel channel, String answer) {
      this.socket = socket;
      this.channel = channel;
      this.thread = new Thread(() -> {
        try (SocketChannel c = channel.accept()) {
          ByteBuffer buffer = ByteBuffer.allocate(8192);
          StringBuilder head = new StringBuilder();
          while (!head.toString().contains("\r\n\r\n") && c.read(buffer) > 0) {
            buffer.flip();
            head.append(StandardCharsets.ISO_8859_1.decode(buffer));
            buffer.clear();
          }
          request.set(head.toString());
          c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
          request.set("failed: " + e);
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    static Server answering(Path dir, String answer) throws IOException {
      Path socket = dir.resolve("engine-" + System.nanoTime() + ".sock");
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(socket));
      return new Server(socket, channel, answer);
    }

    String request() throws InterruptedException {
      thread.join(5000);
      return request.get();
    }

    @Override
    public void close() throws Exception {
      channel.close();
      thread.join(5000);
    }
  }
}
