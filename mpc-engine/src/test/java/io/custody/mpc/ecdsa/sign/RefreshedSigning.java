package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.session.Step;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing helpers for the refresh test, which lives in the dkg package. */
public final class RefreshedSigning {

    private static final byte[] TX = "after refresh".getBytes(StandardCharsets.UTF_8);

    private RefreshedSigning() {
    }

    public static void assertSigns(List<KeyShare> shares, List<Integer> signers) {
        List<Presignature> pre = Signing.presign("refreshed-pre", shares, signers);
        List<EcdsaSignature> sigs = Signing.sign("refreshed-sign", pre,
                new SignRequest(TX, MessageDigest.KECCAK_256, List.of()));
        IndependentVerifier.assertValidEthereumSignature(sigs.get(0), TX, shares.get(0).publicKey());
    }

    public static void assertOldShareIsNamed(List<KeyShare> shares, int honest, int stale) {
        Map<Integer, Step<Presignature>> out = Signing.presign("stale-pre", shares, List.of(honest, stale), List::of);
        assertThat(out.get(honest)).isInstanceOf(Step.Abort.class);
        assertThat(((Step.Abort<Presignature>) out.get(honest)).culprit()).isEqualTo(stale);
    }
}
