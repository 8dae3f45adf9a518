package io.podarmor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local engine reached over TCP with mutual TLS, as a remote engine is ({@code DOCKER_HOST=tcp://…:2376},
 * {@code DOCKER_TLS_VERIFY=1}, {@code DOCKER_CERT_PATH}): a listener on 127.0.0.1 with a server certificate of a CA
 * made here, which requires a client certificate of that CA and forwards each connection, byte for byte, to the
 * engine's unix socket. {@link #clientCertificates} writes what {@code DOCKER_CERT_PATH} holds ({@code ca.pem},
 * {@code cert.pem}, {@code key.pem}).
 *
 * <pre>{@code
 * try (TestTlsEngine tls = TestTlsEngine.start(Path.of("/var/run/docker.sock"))) {
 *   Path certs = tls.clientCertificates(tmp.resolve("certs"));
 *   // DOCKER_HOST=tls.host() DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=certs
 * }
 * }</pre>
 */
public final class TestTlsEngine implements AutoCloseable {
  private final KeyPair caKey = TestSigstore.ecKey();
  private final X509Certificate ca;
  private final SSLServerSocket server;
  private final Path socket;
  private final AtomicInteger connections = new AtomicInteger();

  private TestTlsEngine(Path socket) throws GeneralSecurityException, IOException {
    this.socket = socket;
    this.ca = certificate("CN=podarmor test engine CA", caKey, caKey, null, true, null);
    KeyPair serverKey = TestSigstore.ecKey();
    X509Certificate serverCert = certificate("CN=127.0.0.1", serverKey, caKey, ca, false, KeyPurposeId.id_kp_serverAuth);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", serverKey.getPrivate(), new char[0], new Certificate[] {serverCert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    this.server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    server.setNeedClientAuth(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "podarmor-test-tls-engine");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on 127.0.0.1 (a free port) in front of the engine at {@code engineSocket}. */
  public static TestTlsEngine start(Path engineSocket) {
    try {
      return new TestTlsEngine(engineSocket);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot start the TLS front of " + engineSocket, e);
    }
  }

  /** {@code tcp://127.0.0.1:<port>}, as {@code DOCKER_HOST} names it. */
  public URI host() {
    return URI.create("tcp://127.0.0.1:" + server.getLocalPort());
  }

  /** How many TLS connections were forwarded to the engine. */
  public int connections() {
    return connections.get();
  }

  /** Writes a client certificate of this CA, its key and the CA into {@code dir}: a {@code DOCKER_CERT_PATH}. */
  public Path clientCertificates(Path dir) {
    return clientCertificates(dir, caKey, ca);
  }

  /** Writes a client certificate of another CA, with this CA as {@code ca.pem}: one the listener refuses. */
  public Path foreignClientCertificates(Path dir) {
    KeyPair otherKey = TestSigstore.ecKey();
    return clientCertificates(dir, otherKey, certificate("CN=another CA", otherKey, otherKey, null, true, null));
  }

  private Path clientCertificates(Path dir, KeyPair issuerKey, X509Certificate issuer) {
    KeyPair clientKey = TestSigstore.ecKey();
    X509Certificate client = certificate("CN=podarmor test client", clientKey, issuerKey, issuer, false,
        KeyPurposeId.id_kp_clientAuth);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", TestSigstore.encoded(ca)));
      Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", TestSigstore.encoded(client)));
      Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", clientKey.getPrivate().getEncoded()));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) server.accept();
        Thread t = new Thread(() -> forward(client), "podarmor-test-tls-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /**
   * Forwards one connection once its handshake (with a trusted client certificate) succeeded: the engine's channel is
   * read and written directly from two threads (its stream adapters would share one lock, and deadlock).
   */
  private void forward(SSLSocket client) {
    try (client; SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      client.startHandshake();
      connections.incrementAndGet();
      Thread back = new Thread(() -> {
        try {
          OutputStream out = client.getOutputStream();
          ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
          while (engine.read(buffer.clear()) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            out.flush();
          }
        } catch (IOException e) {
          // the client went away
        } finally {
          try {
            client.close();
          } catch (IOException e) {
            // closed
          }
        }
      }, "podarmor-test-tls-back");
      back.setDaemon(true);
      back.start();
      InputStream in = client.getInputStream();
      byte[] bytes = new byte[64 * 1024];
      for (int n; (n = in.read(bytes)) >= 0; ) {
        ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, n);
        while (chunk.hasRemaining()) {
          engine.write(chunk);
        }
      }
      engine.shutdownOutput();
      back.join();
    } catch (IOException e) {
      // a refused handshake or a connection cut: the client sees it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static X509Certificate certificate(String subject, KeyPair key, KeyPair issuerKey, X509Certificate issuer,
      boolean isCa, KeyPurposeId usage) {
    try {
      Instant now = Instant.now();
      X500Name name = new X500Name(subject);
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          issuer == null ? name : new X500Name(issuer.getSubjectX500Principal().getName()),
          BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(System.nanoTime() & 0xffff)),
          Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, key.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (usage != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
      }
      if (usage == KeyPurposeId.id_kp_serverAuth) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
            GeneralName.iPAddress, "127.0.0.1")));
      }
      PrivateKey signer = issuerKey.getPrivate();
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
          .build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue " + subject, e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
