package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acknowledgement round of an ECDSA refresh (docs/adr/frost-005): every party stores its new share before it
 * acknowledges, and a party that acknowledges another public state is named, so no certificate exists and nobody
 * commits.
 */
class RefreshAcknowledgementTest {

    @Test
    void a_party_acknowledging_another_public_state_is_named_after_everyone_stored_a_pending_share() {
        String sid = "refresh-ack-lie";
        List<KeyShare> pending = new ArrayList<>();
        List<KeygenParty> hooked = new ArrayList<>();
        for (KeyShare s : SharedKeys.twoOfThree()) {
            // The hook is where the node stores the pending share; here it only records that it ran.
            hooked.add(KeygenParty.refreshWithHook(sid, s, FixturePrimes.paillier(15 + s.partyIndex()),
                    TestIdentities.keys(s.partyIndex()), TestRandom.seeded(700 + s.partyIndex()), pending::add));
        }
        Map<Integer, Step<KeyShare>> out = new LocalNetwork<>(hooked).tamper(m -> {
            if (m.from() != 2 || m.round() != KeygenParty.ACK_ROUND) return List.of(m);
            byte[] p = m.payload();
            p[p.length - 1] ^= 1;
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), p));
        }).run();
        assertThat(pending).as("each party stored its share before acknowledging").hasSize(3);
        for (int honest : List.of(1, 3)) {
            assertThat(out.get(honest)).isInstanceOfSatisfying(Step.Abort.class, a -> {
                assertThat(a.culprit()).isEqualTo(2);
                assertThat(a.check()).isEqualTo("refresh.ack");
            });
        }
    }
}
