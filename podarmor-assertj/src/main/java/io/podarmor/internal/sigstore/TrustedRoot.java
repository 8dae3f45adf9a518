package io.podarmor.internal.sigstore;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Sigstore {@code trusted_root.json} ({@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}): the
 * Fulcio certificate authorities (chains, leaf-most first), the Rekor transparency logs and the CT logs, each with
 * its validity window, checked here with messages that name the file and the field; sigstore-java's model of the same
 * file ({@link #sigstoreJava()}) is what its verifiers use. Read only from a file the user configures or one TUF
 * delivered ({@link TufTrustedRoot}), never from the image or a registry.
 */
public final class TrustedRoot {
    /** The media type prefix a trusted root declares. */
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json";
    /** Trusted roots loaded so far, by file version (few: one per configured file, in practice). */
    private static final Map<String, TrustedRoot> LOADED = new ConcurrentHashMap<>();

    /** A Fulcio CA: its chain (the issuing CA first, the root last) and when it may have issued certificates. */
    public static final class CertificateAuthority {
        private final List<X509Certificate> chain;
        private final Instant start;
        private final Instant end;

        CertificateAuthority(List<X509Certificate> chain, Instant start, Instant end) {
            this.chain = List.copyOf(chain);
            this.start = start;
            this.end = end;
        }

        public List<X509Certificate> chain() {
            return chain;
        }

        /** Whether the CA was valid at {@code t} (its {@code validFor} window; an absent end is open). */
        public boolean validAt(Instant t) {
            return !t.isBefore(start) && (end == null || !t.isAfter(end));
        }
    }

    /** A transparency (Rekor) or certificate-transparency log: its key, log id and validity window. */
    public static final class Log {
        private final byte[] logId;
        private final PublicKey key;
        private final Instant start;
        private final Instant end;

        Log(byte[] logId, PublicKey key, Instant start, Instant end) {
            this.logId = logId;
            this.key = key;
            this.start = start;
            this.end = end;
        }

        public PublicKey key() {
            return key;
        }

        /** The log id in hex, as Rekor names it ({@code logID}). */
        public String logIdHex() {
            return HexFormat.of().formatHex(logId);
        }

        public boolean hasLogId(byte[] id) {
            return Arrays.equals(logId, id);
        }

        public boolean validAt(Instant t) {
            return !t.isBefore(start) && (end == null || !t.isAfter(end));
        }
    }

    private final Path source;
    private final List<CertificateAuthority> certificateAuthorities;
    private final List<Log> tlogs;
    private final List<Log> ctlogs;
    /** The same file as sigstore-java's trusted-root model reads it. */
    private final SigstoreTrustedRoot sigstoreJava;
    private volatile dev.sigstore.KeylessVerifier keylessVerifier;
    private volatile FulcioVerifier fulcioVerifier;

    private TrustedRoot(Path source, List<CertificateAuthority> cas, List<Log> tlogs, List<Log> ctlogs,
            SigstoreTrustedRoot sigstoreJava) {
        this.source = source;
        this.sigstoreJava = sigstoreJava;
        this.certificateAuthorities = List.copyOf(cas);
        this.tlogs = List.copyOf(tlogs);
        this.ctlogs = List.copyOf(ctlogs);
    }

    /**
     * Reads a trusted root, once per file version (path, inode, size and modification time) in this JVM: every
     * signature check names it, and it does not change between checks. A file that fails to load is read again.
     *
     * @throws IllegalArgumentException naming the file and what was expected where it is unreadable or malformed
     */
    public static TrustedRoot load(Path file) {
        String version;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            version = file + " " + file.toAbsolutePath() + " " + a.fileKey() + " " + a.size() + " "
                    + a.lastModifiedTime();
        } catch (IOException | RuntimeException e) {
            return read(file); // says why it cannot be read
        }
        TrustedRoot cached = LOADED.get(version);
        if (cached == null) {
            cached = read(file);
            LOADED.put(version, cached);
        }
        return cached;
    }

    private static TrustedRoot read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trusted root " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        JsonNode root;
        try {
            root = Json.tree(bytes);
        } catch (Json.TooManyValues e) {
            throw bad(file, e.getMessage());
        } catch (IOException e) {
            throw bad(file, "is not valid JSON; expected a Sigstore trusted_root.json");
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "is not a JSON object; expected a Sigstore trusted_root.json");
        }
        String mediaType = root.path("mediaType").asText("");
        if (!mediaType.startsWith(MEDIA_TYPE)) {
            throw bad(file, "has mediaType '" + mediaType + "'; expected " + MEDIA_TYPE + ";version=0.1");
        }
        List<CertificateAuthority> cas = new ArrayList<>();
        JsonNode caNodes = array(file, root, "certificateAuthorities");
        for (int i = 0; i < caNodes.size(); i++) {
            cas.add(ca(file, caNodes.get(i), "certificateAuthorities[" + i + "]"));
        }
        List<Log> tlogs = logs(file, root, "tlogs");
        List<Log> ctlogs = logs(file, root, "ctlogs");
        if (cas.isEmpty()) {
            throw bad(file, "has no certificateAuthorities; expected at least one Fulcio CA");
        }
        if (tlogs.isEmpty()) {
            throw bad(file, "has no tlogs; expected at least one Rekor log key");
        }
        SigstoreTrustedRoot sigstoreJava;
        try {
            sigstoreJava = SigstoreTrustedRoot.from(new ByteArrayInputStream(bytes));
        } catch (SigstoreConfigurationException | RuntimeException e) {
            throw bad(file, "cannot be read by sigstore-java (" + KeylessBundles.Reasons.chain(e) + ")");
        }
        return new TrustedRoot(file, cas, tlogs, ctlogs, sigstoreJava);
    }

    /** sigstore-java's keyless verifier over this trusted root, made once. */
    dev.sigstore.KeylessVerifier keylessVerifier() throws SignatureRejected {
        dev.sigstore.KeylessVerifier v = keylessVerifier;
        if (v == null) {
            try {
                v = dev.sigstore.KeylessVerifier.builder().trustedRootProvider(() -> sigstoreJava).build();
            } catch (GeneralSecurityException | SigstoreConfigurationException | RuntimeException e) {
                throw new SignatureRejected("the trusted root " + source + " cannot be used by sigstore-java ("
                        + KeylessBundles.Reasons.chain(e) + ")");
            }
            keylessVerifier = v;
        }
        return v;
    }

    /** sigstore-java's verifier of Fulcio certificates (chain and SCT) over this trusted root, made once. */
    FulcioVerifier fulcioVerifier() throws SignatureRejected {
        FulcioVerifier v = fulcioVerifier;
        if (v == null) {
            try {
                v = FulcioVerifier.newFulcioVerifier(sigstoreJava);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new SignatureRejected("the trusted root " + source + " cannot be used by sigstore-java ("
                        + KeylessBundles.Reasons.chain(e) + ")");
            }
            fulcioVerifier = v;
        }
        return v;
    }

    /** The same file as sigstore-java's trusted-root model reads it. */
    public SigstoreTrustedRoot sigstoreJava() {
        return sigstoreJava;
    }

    /** The file it was read from. */
    public Path source() {
        return source;
    }

    public List<CertificateAuthority> certificateAuthorities() {
        return certificateAuthorities;
    }

    public List<Log> tlogs() {
        return tlogs;
    }

    public List<Log> ctlogs() {
        return ctlogs;
    }

    /** The Rekor log with this log id. */
    public Optional<Log> tlog(byte[] logId) {
        return tlogs.stream().filter(l -> l.hasLogId(logId)).findFirst();
    }

    /** The CT log with this log id. */
    public Optional<Log> ctlog(byte[] logId) {
        return ctlogs.stream().filter(l -> l.hasLogId(logId)).findFirst();
    }

    private static CertificateAuthority ca(Path file, JsonNode node, String where) {
        JsonNode certs = node.path("certChain").path("certificates");
        if (!certs.isArray() || certs.isEmpty()) {
            throw bad(file, where + " has no certChain.certificates; expected the CA chain as DER base64 rawBytes");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < certs.size(); i++) {
            String at = where + ".certChain.certificates[" + i + "]";
            byte[] der = base64(file, certs.get(i).path("rawBytes"), at + ".rawBytes");
            try {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                throw bad(file, at + " is not a DER X.509 certificate");
            }
        }
        JsonNode validFor = node.path("validFor");
        return new CertificateAuthority(chain, instant(file, validFor.path("start"), where + ".validFor.start", true),
                instant(file, validFor.path("end"), where + ".validFor.end", false));
    }

    private static List<Log> logs(Path file, JsonNode root, String field) {
        List<Log> out = new ArrayList<>();
        JsonNode nodes = array(file, root, field);
        for (int i = 0; i < nodes.size(); i++) {
            String where = field + "[" + i + "]";
            JsonNode node = nodes.get(i);
            JsonNode publicKey = node.path("publicKey");
            byte[] der = base64(file, publicKey.path("rawBytes"), where + ".publicKey.rawBytes");
            String details = publicKey.path("keyDetails").asText("");
            if (details.isEmpty()) {
                throw bad(file, where + ".publicKey has no keyDetails; expected e.g. PKIX_ECDSA_P256_SHA_256");
            }
            PublicKey key;
            try {
                key = PublicKeys.parseDer(der, "in " + file + " " + where);
            } catch (IllegalArgumentException e) {
                throw bad(file, where + ".publicKey.rawBytes is not a DER ECDSA, RSA or Ed25519 public key ("
                        + details + ")");
            }
            byte[] logId = base64(file, node.path("logId").path("keyId"), where + ".logId.keyId");
            JsonNode validFor = publicKey.path("validFor");
            out.add(new Log(logId, key, instant(file, validFor.path("start"), where + ".publicKey.validFor.start",
                    true), instant(file, validFor.path("end"), where + ".publicKey.validFor.end", false)));
        }
        return out;
    }

    private static JsonNode array(Path file, JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw bad(file, field + " is not an array");
        }
        return node;
    }

    private static byte[] base64(Path file, JsonNode node, String where) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw bad(file, "has no " + where + "; expected base64");
        }
        try {
            return Base64.getDecoder().decode(node.asText().strip());
        } catch (IllegalArgumentException e) {
            throw bad(file, where + " is not base64");
        }
    }

    private static Instant instant(Path file, JsonNode node, String where, boolean required) {
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw bad(file, "has no " + where + "; expected an RFC 3339 time such as 2024-01-01T00:00:00Z");
            }
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw bad(file, where + " '" + node.asText() + "' is not an RFC 3339 time such as 2024-01-01T00:00:00Z");
        }
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("trusted root " + file + " " + what);
    }
}
