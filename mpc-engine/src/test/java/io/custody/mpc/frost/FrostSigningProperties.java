package io.custody.mpc.frost;

import io.custody.mpc.session.Step;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** For any threshold t <= n <= 5 and any signer set of at least t parties, DKG then signing yields a valid Ed25519 signature. */
class FrostSigningProperties {

    record Setup(int t, int n, List<Integer> signers, byte[] message) {
        @Override
        public String toString() {
            return t + "-of-" + n + " signers " + signers + " message " + message.length + " bytes";
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Arbitraries.integers().between(2, 5).flatMap(n -> Arbitraries.integers().between(2, n).flatMap(t ->
                Combinators.combine(Arbitraries.integers().between(t, n), Arbitraries.randomValue(r -> r.nextLong()),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                        .as((k, seed, msg) -> {
                            List<Integer> ids = new ArrayList<>(IntStream.rangeClosed(1, n).boxed().toList());
                            Collections.shuffle(ids, new java.util.Random(seed));
                            return new Setup(t, n, ids.subList(0, k).stream().sorted().toList(), msg);
                        })));
    }

    @Property(tries = 15)
    void any_threshold_subset_produces_a_signature_bouncycastle_accepts(@ForAll("setups") Setup s) {
        List<KeyShare> shares = FrostTestSupport.dkg(Ed25519Sha512.INSTANCE, s.t(), s.n());
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(
                FrostTestSupport.signers(shares, s.signers(), s.message(), "prop"));
        FrostSignature sig = ((Step.Done<FrostSignature>) out.get(s.signers().get(0))).result();
        assertThat(FrostDkgAndSigningTest.bouncyCastleEd25519Accepts(
                shares.get(0).publicKeyPackage().groupPublicKeyBytes(), s.message(),
                Ed25519Sha512.INSTANCE.serializeSignature(sig))).isTrue();
    }
}
