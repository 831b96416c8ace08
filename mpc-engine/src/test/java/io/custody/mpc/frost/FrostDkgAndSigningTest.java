package io.custody.mpc.frost;

import io.custody.mpc.session.Step;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.custody.mpc.frost.FrostTestSupport.dkg;
import static io.custody.mpc.frost.FrostTestSupport.signers;
import static org.assertj.core.api.Assertions.assertThat;

class FrostDkgAndSigningTest {

    static boolean bouncyCastleEd25519Accepts(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }

    static byte[] sign(List<KeyShare> shares, List<Integer> ids, byte[] msg) {
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(signers(shares, ids, msg, "sign-" + ids));
        assertThat(out).hasSize(ids.size());
        byte[] first = null;
        for (Step<FrostSignature> s : out.values()) {
            assertThat(s).isInstanceOf(Step.Done.class);
            byte[] enc = shares.get(0).suite().serializeSignature(((Step.Done<FrostSignature>) s).result());
            if (first != null) {
                assertThat(enc).as("every signer aggregates the same signature").isEqualTo(first);
            }
            first = enc;
        }
        return first;
    }

    @Test
    void dkg_parties_agree_on_group_key_and_every_two_of_three_sign_plain_ed25519() {
        List<KeyShare> shares = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        PublicKeyPackage pkg = shares.get(0).publicKeyPackage();
        shares.forEach(s -> assertThat(s.publicKeyPackage().groupPublicKey()).isEqualTo(pkg.groupPublicKey()));
        shares.forEach(s -> assertThat(s.publicKeyPackage().verifyingShares()).isEqualTo(pkg.verifyingShares()));
        byte[] pk = pkg.groupPublicKeyBytes();
        byte[] msg = "transfer 100 USDC".getBytes(StandardCharsets.UTF_8);
        for (List<Integer> set : List.of(List.of(1, 2), List.of(1, 3), List.of(2, 3), List.of(1, 2, 3))) {
            byte[] sig = sign(shares, set, msg);
            assertThat(bouncyCastleEd25519Accepts(pk, msg, sig)).as("signers " + set).isTrue();
            assertThat(bouncyCastleEd25519Accepts(pk, "other".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        }
    }

    @Test
    void three_of_five_dkg_shares_interpolate_to_the_group_secret() {
        Ciphersuite cs = Ed25519Sha512.INSTANCE;
        List<KeyShare> shares = dkg(cs, 3, 5);
        List<Integer> ids = List.of(2, 4, 5);
        BigInteger secret = BigInteger.ZERO;
        for (int i : ids) {
            secret = secret.add(FrostSigning.lagrangeCoefficient(cs, ids, i).multiply(shares.get(i - 1).secret()));
        }
        ECPoint y = cs.multiplyBase(secret.mod(cs.order()));
        assertThat(y).isEqualTo(shares.get(0).publicKeyPackage().groupPublicKey());
        byte[] msg = new byte[] {1, 2, 3};
        assertThat(bouncyCastleEd25519Accepts(shares.get(0).publicKeyPackage().groupPublicKeyBytes(), msg,
                sign(shares, ids, msg))).isTrue();
    }

    @Test
    void secp256k1_dkg_and_signing_produce_a_verifying_schnorr_signature() {
        Ciphersuite cs = Secp256k1Sha256.INSTANCE;
        List<KeyShare> shares = dkg(cs, 2, 3);
        byte[] msg = "withdraw".getBytes(StandardCharsets.UTF_8);
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(signers(shares, List.of(1, 3), msg, "s"));
        FrostSignature sig = ((Step.Done<FrostSignature>) out.get(1)).result();
        ECPoint y = shares.get(0).publicKeyPackage().groupPublicKey();
        assertThat(cs.verify(y, msg, sig)).isTrue();
        assertThat(cs.verify(y, new byte[] {9}, sig)).isFalse();
    }

    @Test
    void signing_with_fewer_than_threshold_signers_is_refused_up_front() {
        List<KeyShare> shares = dkg(Ed25519Sha512.INSTANCE, 3, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signers(shares, List.of(1, 2), new byte[] {1}, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3");
    }

    @Test
    void key_share_survives_its_byte_form_and_never_prints_the_secret() {
        List<KeyShare> shares = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        KeyShare s = shares.get(1);
        KeyShare back = KeyShare.fromBytes(Ed25519Sha512.INSTANCE, s.toBytes());
        assertThat(back.secret()).isEqualTo(s.secret());
        assertThat(back.publicKeyPackage().verifyingShares()).isEqualTo(s.publicKeyPackage().verifyingShares());
        String hex = org.bouncycastle.util.encoders.Hex.toHexString(Ed25519Sha512.INSTANCE.serializeScalar(s.secret()));
        assertThat(s.toString()).doesNotContain(hex).doesNotContain(s.secret().toString()).contains("redacted");
    }
}
