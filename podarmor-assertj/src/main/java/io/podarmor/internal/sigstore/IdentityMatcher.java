package io.podarmor.internal.sigstore;

import java.util.Objects;
import java.util.regex.Pattern;

/** Matches a keyless signer's identity (certificate SAN: email or URI) and OIDC issuer, exactly or by full regex. */
public final class IdentityMatcher {
    private final String identity;
    private final String issuer;
    private final boolean regex;

    private IdentityMatcher(String identity, String issuer, boolean regex) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.regex = regex;
    }

    /** Identity and issuer must equal the given strings. */
    public static IdentityMatcher exact(String identity, String issuer) {
        return new IdentityMatcher(identity, issuer, false);
    }

    /** Identity and issuer must each fully match the given regular expression. */
    public static IdentityMatcher regex(String identityRegex, String issuerRegex) {
        Pattern.compile(identityRegex);
        Pattern.compile(issuerRegex);
        return new IdentityMatcher(identityRegex, issuerRegex, true);
    }

    /** @throws SignatureRejected naming what was found and what was expected */
    public void check(String foundIdentity, String foundIssuer) throws SignatureRejected {
        if (!matches(identity, foundIdentity)) {
            throw new SignatureRejected("certificate identity " + quote(foundIdentity) + " does not match "
                    + describe(identity));
        }
        if (!matches(issuer, foundIssuer)) {
            throw new SignatureRejected("certificate OIDC issuer " + quote(foundIssuer) + " does not match "
                    + describe(issuer));
        }
    }

    private boolean matches(String expected, String found) {
        if (found == null) {
            return false;
        }
        return regex ? Pattern.compile(expected).matcher(found).matches() : expected.equals(found);
    }

    private String describe(String expected) {
        return regex ? "regex " + quote(expected) : "expected " + quote(expected);
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }

    @Override
    public String toString() {
        return (regex ? "identity~" : "identity=") + identity + (regex ? ", issuer~" : ", issuer=") + issuer;
    }
}
