package io.podarmor.internal.sigstore;

/** A signature (or its certificate / log evidence) was rejected; the message is the specific human reason. */
public final class SignatureRejected extends Exception {
    private static final long serialVersionUID = 1L;

    public SignatureRejected(String reason) {
        super(reason);
    }

    public SignatureRejected(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The specific reason, e.g. "signature does not verify with the given ECDSA key". */
    public String reason() {
        return getMessage();
    }
}
