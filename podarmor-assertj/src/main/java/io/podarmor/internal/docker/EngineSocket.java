package io.podarmor.internal.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 GET requests to an engine's unix socket, one connection each: what static checks ask of the engine (ping,
 * image inspect, image export), without the weight of a full engine client. Bodies stream as they arrive; chunked and
 * sized bodies are both read.
 */
final class EngineSocket {
  private static final int MAX_HEAD = 64 << 10;

  /** A response: its status, headers (names in lower case), and body, which closes the connection when closed. */
  record Response(int status, Map<String, String> headers, InputStream body) implements AutoCloseable {
    /** The whole body as text, at most {@code limit} bytes of it. */
    String text(int limit) throws IOException {
      byte[] bytes = body.readNBytes(limit);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  private EngineSocket() {}

  /** Sends {@code GET target} to the socket at {@code socket}; the caller closes the response. */
  static Response get(Path socket, String target) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      out.write(("GET " + target + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: PodArmor\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 << 10);
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("the engine answered with no HTTP status line: " + abbreviate(statusLine));
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("the engine answered with status " + abbreviate(parts[1]));
      }
      Map<String, String> headers = new HashMap<>();
      int read = statusLine.length();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        read += header.length();
        if (read > MAX_HEAD) {
          throw new IOException("the engine's response headers exceed " + MAX_HEAD + " bytes");
        }
        int colon = header.indexOf(':');
        if (colon > 0) {
          headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
      }
      InputStream body;
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = new Chunked(in);
      } else if (headers.containsKey("content-length")) {
        body = new Sized(in, Long.parseLong(headers.get("content-length")));
      } else {
        body = in;
      }
      return new Response(status, headers, body);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A path segment or query value made safe for a request line: anything outside a reference's alphabet escaped. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:@/+".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the engine closed the connection in the middle of its response headers");
      }
      if (line.size() > MAX_HEAD) {
        throw new IOException("a response header line exceeds " + MAX_HEAD + " bytes");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  /**
   * A framed body over the connection: skips read through it (not past the framing), closing closes the connection.
   */
  private abstract static class Body extends InputStream {
    final InputStream in;

    Body(InputStream in) {
      this.in = in;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /** A body of a known length; ending early is an error. */
  private static final class Sized extends Body {
    private long left;

    Sized(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the engine closed the connection " + left + " bytes before the end of its answer");
      }
      left -= n;
      return n;
    }
  }

  /** A chunked body (RFC 9112 §7.1); trailers are skipped. */
  private static final class Chunked extends Body {
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        int semicolon = size.indexOf(';');
        try {
          left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("the engine sent a malformed chunk size: " + abbreviate(size));
        }
        if (left == 0) {
          while (!line(in).isEmpty()) {
            // trailers
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the engine closed the connection in the middle of a chunk");
      }
      left -= n;
      if (left == 0) {
        line(in); // the CRLF after the chunk
      }
      return n;
    }
  }
}
