package io.podarmor.internal.sigstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 6962 / RFC 9162 Merkle tree hashing and inclusion (audit path) proof verification, SHA-256. */
public final class MerkleProof {
    private MerkleProof() {
    }

    /** SHA-256(0x00 || leaf). */
    public static byte[] leafHash(byte[] leaf) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        d.update(leaf);
        return d.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /**
     * Verifies that the leaf hash at {@code index} in a tree of {@code treeSize} leaves has root {@code rootHash}
     * (RFC 9162 section 2.1.3.2).
     *
     * @throws SignatureRejected with the reason when the proof does not lead to the root hash
     */
    public static void verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> path,
            byte[] rootHash) throws SignatureRejected {
        if (index < 0 || treeSize <= 0 || index >= treeSize) {
            throw new SignatureRejected("inclusion proof: log index " + index + " is outside a tree of size "
                    + treeSize);
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw new SignatureRejected("inclusion proof: audit path is longer than the tree allows");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new SignatureRejected("inclusion proof: audit path is shorter than the tree requires");
        }
        if (!MessageDigest.isEqual(r, rootHash)) {
            throw new SignatureRejected("inclusion proof: the audit path does not lead to the signed root hash");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
