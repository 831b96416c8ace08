package io.custody.mpc.frost;

import io.custody.mpc.session.Step;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared set-up for FROST tests: a real DKG run producing the key shares the other tests sign with. */
final class FrostTestSupport {

    static final SecureRandom RANDOM = new SecureRandom();

    private FrostTestSupport() {
    }

    static List<KeyShare> dkg(Ciphersuite cs, int threshold, int parties) {
        List<FrostDkgParty> machines = new ArrayList<>();
        for (int i = 1; i <= parties; i++) {
            machines.add(new FrostDkgParty(cs, "dkg-test", i, threshold, parties, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(i), RANDOM));
        }
        Map<Integer, Step<KeyShare>> out = LocalRun.run(machines);
        assertThat(out).hasSize(parties);
        List<KeyShare> shares = new ArrayList<>();
        out.values().forEach(s -> {
            assertThat(s).isInstanceOf(Step.Done.class);
            shares.add(((Step.Done<KeyShare>) s).result());
        });
        return shares;
    }

    static List<FrostSigningParty> signers(List<KeyShare> shares, List<Integer> ids, byte[] message, String session) {
        return ids.stream().map(i -> new FrostSigningParty(session, shares.get(i - 1), ids, message, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(i), RANDOM)).toList();
    }
}
