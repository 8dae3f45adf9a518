package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleProofTest {
    /** The RFC 6962 test leaves used by certificate-transparency implementations. */
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};

    @Test
    void rootOfTheEightTestLeavesMatchesTheKnownVector() {
        assertThat(HexFormat.of().formatHex(root(leaves(8))))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void everyLeafOfEveryTreeSizeVerifies() throws Exception {
        for (int size = 1; size <= 8; size++) {
            List<byte[]> leaves = leaves(size);
            byte[] root = root(leaves);
            for (int i = 0; i < size; i++) {
                MerkleProof.verifyInclusion(i, size, MerkleProof.leafHash(leaves.get(i)), path(i, leaves), root);
            }
        }
    }

    @Test
    void wrongLeafIndexOrPathIsRejected() {
        List<byte[]> leaves = leaves(7);
        byte[] root = root(leaves);
        byte[] leaf3 = MerkleProof.leafHash(leaves.get(3));
        assertThatThrownBy(() -> MerkleProof.verifyInclusion(4, 7, leaf3, path(3, leaves), root))
                .isInstanceOf(SignatureRejected.class)
                .hasMessage("inclusion proof: the audit path does not lead to the signed root hash");
        List<byte[]> shortPath = path(3, leaves).subList(0, 2);
        assertThatThrownBy(() -> MerkleProof.verifyInclusion(3, 7, leaf3, shortPath, root))
                .hasMessage("inclusion proof: audit path is shorter than the tree requires");
        assertThatThrownBy(() -> MerkleProof.verifyInclusion(7, 7, leaf3, path(3, leaves), root))
                .hasMessage("inclusion proof: log index 7 is outside a tree of size 7");
        byte[] otherLeaf = MerkleProof.leafHash(new byte[] {1});
        assertThatThrownBy(() -> MerkleProof.verifyInclusion(3, 7, otherLeaf, path(3, leaves), root))
                .hasMessage("inclusion proof: the audit path does not lead to the signed root hash");
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(HexFormat.of().parseHex(LEAVES[i]));
        }
        return out;
    }

    /** RFC 6962 section 2.1 MTH, written recursively as the reference. */
    private static byte[] root(List<byte[]> d) {
        if (d.size() == 1) {
            return MerkleProof.leafHash(d.get(0));
        }
        int k = split(d.size());
        return MerkleProof.nodeHash(root(d.subList(0, k)), root(d.subList(k, d.size())));
    }

    /** RFC 6962 section 2.1.1 PATH(m, D[n]). */
    private static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() == 1) {
            return out;
        }
        int k = split(d.size());
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(root(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(root(d.subList(0, k)));
        }
        return out;
    }

    private static int split(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }
}
