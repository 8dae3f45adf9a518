package io.podarmor.internal.sigstore;

import dev.sigstore.json.JsonParseException;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.TufException;
import dev.sigstore.tuf.Updater;
import dev.sigstore.tuf.model.SignedTufMeta;
import dev.sigstore.tuf.model.TargetMeta;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Sigstore {@code trusted_root.json} delivered by TUF, as cosign gets it: sigstore-java's TUF client ({@code
 * dev.sigstore.tuf.Updater}) walks the repository's roots from the initial one (for Sigstore's public-good instance,
 * the root shipped inside sigstore-java), verifies timestamp, snapshot and targets metadata and the target's hashes,
 * and caches them on disk. PodArmor fetches over its own HTTP client (5 s to connect, 30 s for a whole file, no
 * retries), once per repository and cache in a JVM, with the cache locked against another JVM updating it. When the
 * repository cannot be reached, the cached copy is used while all its metadata is unexpired; past that, and whenever
 * the repository serves metadata TUF rejects (expired, rolled back, tampered, under-signed), it fails and says why
 * and what to do.
 */
public final class TufTrustedRoot {
    /** Sigstore's public-good TUF repository. */
    public static final URI PUBLIC_GOOD = URI.create("https://tuf-repo-cdn.sigstore.dev/");
    static final String TARGET = "trusted_root.json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(30);
    /** The trusted roots refreshed in this JVM, by repository and cache: each is refreshed once per run. */
    private static final Map<String, Path> REFRESHED = new ConcurrentHashMap<>();

    /**
     * A TUF repository serving a Sigstore trusted root: its URL, the initial {@code root.json} a client first trusts
     * ({@code null}: sigstore-java's shipped root of the public-good instance) and the cache directory.
     */
    public record Source(URI mirror, Path initialRoot, Path cache) {
        /** Sigstore's public-good instance, cached under {@code cacheBase}. */
        public static Source publicGood(Path cacheBase) {
            return new Source(PUBLIC_GOOD, null, cacheBase);
        }

        /**
         * The cache directory of this repository under {@code cacheBase}: one directory per host and port, so two
         * repositories never share metadata.
         */
        Path directory() {
            String port = mirror.getPort() < 0 ? "" : "_" + mirror.getPort();
            return cache.resolve(String.valueOf(mirror.getHost()).replaceAll("[^A-Za-z0-9.-]", "_") + port);
        }

        private RootProvider rootProvider() {
            return initialRoot == null ? RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE)
                    : () -> Files.readString(initialRoot, StandardCharsets.UTF_8);
        }
    }

    private TufTrustedRoot() {}

    /**
     * The verified {@code trusted_root.json} of {@code source}, refreshed from its repository once in this JVM.
     *
     * @throws IllegalArgumentException naming the repository, the cache and what to do, when no trusted root can be had
     */
    public static Path trustedRoot(Source source) {
        String key = source.mirror() + " " + source.directory().toAbsolutePath();
        Path known = REFRESHED.get(key);
        if (known != null && Files.isRegularFile(known)) {
            return known;
        }
        synchronized (TufTrustedRoot.class) {
            known = REFRESHED.get(key);
            if (known == null || !Files.isRegularFile(known)) {
                known = refresh(source);
                REFRESHED.put(key, known);
            }
            return known;
        }
    }

    /** Forgets which repositories this JVM refreshed, as a new run starts: for tests. */
    static void forgetRefreshed() {
        REFRESHED.clear();
    }

    private static Path refresh(Source source) {
        Path dir = source.directory();
        if (source.initialRoot() != null && !Files.isRegularFile(source.initialRoot())) {
            throw new IllegalArgumentException("the initial TUF root " + source.initialRoot() + " of " + source.mirror()
                    + " is not a readable file; expected the repository's root.json, as its operator publishes it");
        }
        try {
            Files.createDirectories(dir.resolve("targets"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the TUF cache " + dir + " ("
                    + e.getClass().getSimpleName() + "); set podarmor.trust.tuf-cache to a writable directory");
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(".podarmor.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(dir);
            TrustedMetaStore trusted = TrustedMetaStore.newTrustedMetaStore(
                    PassthroughCacheMetaStore.newPassthroughMetaCache(store));
            Updater updater = Updater.builder()
                    .setTrustedRootPath(source.rootProvider())
                    .setTrustedMetaStore(trusted)
                    .setTargetStore(store)
                    .setMetaFetcher(MetaFetcher.newFetcher(new Http(source.mirror(), FILE_TIMEOUT)))
                    .setTargetFetcher(new Http(source.mirror().resolve("targets/"), FILE_TIMEOUT))
                    .build();
            try {
                updater.update();
            } catch (Unreachable e) {
                return cachedCopy(source, trusted, store, e.getMessage());
            } catch (IOException | GeneralSecurityException | JsonParseException | TufException e) {
                throw new IllegalArgumentException("the TUF repository " + source.mirror() + " is rejected: "
                        + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()) + "; PodArmor does not use its"
                        + " trusted root (cache " + dir + ")");
            }
            Path target = store.getTargetsDir().resolve(TARGET);
            if (!Files.isRegularFile(target)) {
                throw new IllegalArgumentException("the TUF repository " + source.mirror() + " has no " + TARGET
                        + " target; expected a Sigstore TUF repository");
            }
            return target;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot lock the TUF cache " + dir + " (" + e.getClass().getSimpleName()
                    + "); set podarmor.trust.tuf-cache to a writable directory");
        }
    }

    /**
     * The cached trusted root, when the repository cannot be reached: only while the cached root, timestamp, snapshot
     * and targets metadata are all unexpired and the cached target has the hash the targets metadata gives.
     */
    private static Path cachedCopy(Source source, TrustedMetaStore trusted, FileSystemTufStore store, String why) {
        Path dir = source.directory();
        String advice = ": connect to it once to refresh the cache, set podarmor.trust.tuf-mirror (with"
                + " podarmor.trust.tuf-root) to a TUF mirror you can reach, or podarmor.trust.trusted-root to a"
                + " trusted_root.json file";
        String unreachable = "cannot refresh Sigstore's trusted root from the TUF repository " + source.mirror() + " ("
                + why + ")";
        try {
            Map<String, Optional<Instant>> expiries = new LinkedHashMap<>();
            expiries.put("root", expires(trusted.findRoot()));
            expiries.put("timestamp", expires(trusted.findTimestamp()));
            expiries.put("snapshot", expires(trusted.findSnapshot()));
            expiries.put("targets", expires(trusted.findTargets()));
            Path target = store.getTargetsDir().resolve(TARGET);
            if (expiries.get("targets").isEmpty() || !Files.isRegularFile(target)) {
                throw new IllegalArgumentException(unreachable + ", and the cache " + dir + " holds no copy" + advice);
            }
            Instant now = Instant.now();
            for (Map.Entry<String, Optional<Instant>> role : expiries.entrySet()) {
                if (role.getValue().isEmpty()) {
                    throw new IllegalArgumentException(unreachable + ", and the cache " + dir + " has no "
                            + role.getKey() + " metadata" + advice);
                }
                if (!role.getValue().get().isAfter(now)) {
                    throw new IllegalArgumentException(unreachable + ", and the copy cached in " + dir + " expired at "
                            + role.getValue().get() + " (its " + role.getKey() + " metadata)" + advice);
                }
            }
            TargetMeta.TargetData data = trusted.getTargets().getSignedMeta().getTargets().get(TARGET);
            byte[] bytes = Files.readAllBytes(target);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (data == null || data.getLength() != bytes.length || !sha256.equals(data.getHashes().getSha256())) {
                throw new IllegalArgumentException(unreachable + ", and the cached " + target + " does not match the"
                        + " cached targets metadata" + advice);
            }
            return target;
        } catch (IOException | JsonParseException | RuntimeException | NoSuchAlgorithmException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(unreachable + ", and the cache " + dir + " cannot be read ("
                    + e.getClass().getSimpleName() + ")" + advice);
        }
    }

    private static Optional<Instant> expires(Optional<? extends SignedTufMeta<?>> meta) throws JsonParseException {
        return meta.isEmpty() ? Optional.empty()
                : Optional.of(meta.get().getSignedMeta().getExpiresAsDate().toInstant());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    /** The repository could not be reached: the one failure after which the cache may stand in for it. */
    static final class Unreachable extends TufException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    /**
     * Fetches a repository's files over HTTP(S): 404 is "no such file"; a whole file must arrive within the timeout
     * (headers and body: a server that stalls mid-body is cut off) and within the length its metadata allows.
     */
    static final class Http implements Fetcher {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private final URI base;
        private final Duration timeout;

        Http(URI base, Duration timeout) {
            String text = base.toString();
            this.base = URI.create(text.endsWith("/") ? text : text + "/");
            this.timeout = timeout;
        }

        @Override
        public String getSource() {
            return base.toString();
        }

        @Override
        public byte[] fetchResource(String filename, int maxLength) throws IOException {
            URI uri = base.resolve(filename);
            CompletableFuture<HttpResponse<byte[]>> exchange = CLIENT.sendAsync(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    info -> info.statusCode() == 200 ? new Limited(maxLength, uri)
                            : HttpResponse.BodySubscribers.replacing(null));
            HttpResponse<byte[]> response;
            try {
                response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true);
                throw new Unreachable("no whole answer within " + timeout.toSeconds() + " s from " + uri);
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                throw new Unreachable("interrupted while fetching " + uri);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof TooLong tooLong) {
                    throw new IOException(tooLong.getMessage());
                }
                throw new Unreachable(cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                        : ": " + oneLine(cause.getMessage())) + " at " + uri);
            }
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new Unreachable("HTTP " + response.statusCode() + " for " + uri);
            }
            return response.body();
        }
    }

    /** A body over its length: the repository serves more than its metadata allows. */
    private static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(String message) {
            super(message);
        }
    }

    /** Collects a body, refusing it past {@code max} bytes (nothing more is kept, the exchange is cancelled). */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final long max;
        private final URI uri;
        private Flow.Subscription subscription;
        private long seen;
        private boolean refused;

        Limited(long max, URI uri) {
            this.max = max;
            this.uri = uri;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            bytes.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (refused) {
                return;
            }
            for (ByteBuffer b : items) {
                seen += b.remaining();
            }
            if (seen > max) {
                refused = true;
                subscription.cancel();
                bytes.onError(new TooLong(uri + " is longer than the " + max + " bytes its metadata allows"));
                return;
            }
            bytes.onNext(items);
        }

        @Override
        public void onError(Throwable t) {
            if (!refused) {
                bytes.onError(t);
            }
        }

        @Override
        public void onComplete() {
            if (!refused) {
                bytes.onComplete();
            }
        }
    }
}
