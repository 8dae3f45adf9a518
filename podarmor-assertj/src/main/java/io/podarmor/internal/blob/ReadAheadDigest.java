package io.podarmor.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a blob ahead on a thread of its own and computes its sha256 there, so that digesting and whatever parses the
 * bytes run on two cores. At most {@value #AHEAD} chunks of {@value #CHUNK} bytes are read ahead. {@link #close()}
 * stops the reading thread and waits for it, so the stream beneath is the caller's again once this one is closed (the
 * rest of a tar entry can then be skipped). A failure of the stream beneath reaches the reader where it would have
 * met it.
 */
public final class ReadAheadDigest extends InputStream {
  private static final int CHUNK = 1 << 18;
  private static final int AHEAD = 4;
  private static final Chunk END = new Chunk(null, 0, null);

  /** Bytes read ahead, or how the stream beneath failed. */
  private record Chunk(byte[] bytes, int length, Throwable failure) {}

  private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(AHEAD);
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(AHEAD + 2);
  private final MessageDigest digest = Digests.newSha256();
  private final Thread reader;
  private volatile boolean stopped;
  private long count;
  private Chunk current;
  private int position;
  private boolean ended;

  public ReadAheadDigest(InputStream in) {
    reader = new Thread(() -> readAhead(in), "podarmor-digest");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead(InputStream in) {
    try {
      while (!stopped) {
        byte[] bytes = spare.poll();
        if (bytes == null) {
          bytes = new byte[CHUNK];
        }
        int n = in.readNBytes(bytes, 0, CHUNK);
        if (n > 0) {
          digest.update(bytes, 0, n);
          count += n;
          hand(new Chunk(bytes, n, null));
        }
        if (n < CHUNK) {
          hand(END);
          return;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      hand(new Chunk(null, 0, e));
    }
  }

  /** Hands a chunk to the reader; gives up once the reader has stopped reading. */
  private void hand(Chunk chunk) {
    try {
      while (!stopped && !ready.offer(chunk, 20, TimeUnit.MILLISECONDS)) {
        // the reader is busy parsing
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    return fill() ? current.bytes()[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length() - position);
    System.arraycopy(current.bytes(), position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return Streams.skipByReading(this, n);
  }

  /** Whether bytes are at hand in {@link #current}, waiting for the next chunk when the last one is used up. */
  private boolean fill() throws IOException {
    if (current != null && position < current.length()) {
      return true;
    }
    if (ended) {
      return false;
    }
    if (current != null) {
      spare.offer(current.bytes());
      current = null;
    }
    Chunk next;
    try {
      next = ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the blob's next bytes");
    }
    if (next.failure() != null) {
      ended = true;
      throw rethrown(next.failure());
    }
    if (next == END) {
      ended = true;
      return false;
    }
    current = next;
    position = 0;
    return true;
  }

  /** The reading thread's failure, to throw on the reader's: an I/O error as such, anything else unchanged. */
  private static IOException rethrown(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return (IOException) failure;
  }

  /** Reads to the end of the stream. */
  public void drain() throws IOException {
    while (fill()) {
      position = current.length();
    }
  }

  /** The digest of the whole blob; call after {@link #drain()}. */
  public String digest() {
    if (!ended) {
      throw new IllegalStateException("the blob is not read to its end");
    }
    awaitReader();
    return Digests.format(digest.digest());
  }

  /** Bytes of the blob read so far by the reading thread; final after {@link #drain()}. */
  public long count() {
    awaitReader();
    return count;
  }

  /** Stops reading ahead and waits for the reading thread; does not close the stream beneath. */
  @Override
  public void close() {
    stopped = true;
    ready.clear();
    awaitReader();
  }

  private void awaitReader() {
    boolean interrupted = false;
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
