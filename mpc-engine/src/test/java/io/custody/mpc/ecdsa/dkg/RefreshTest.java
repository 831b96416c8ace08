package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.sign.RefreshedSigning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTest {

    @Test
    void refresh_keeps_the_public_key_replaces_every_share_and_paillier_key_and_old_shares_stop_signing() {
        List<KeyShare> old = SharedKeys.twoOfThree();
        List<KeygenParty> parties = new ArrayList<>();
        for (KeyShare s : old) {
            parties.add(KeygenParty.refresh("refresh-1", s, FixturePrimes.paillier(12 + s.partyIndex()),
                    TestIdentities.keys(s.partyIndex()),
                    TestRandom.seeded(700 + s.partyIndex())));
        }
        List<KeyShare> fresh = LocalNetwork.results(new LocalNetwork<>(parties).run());
        for (int i = 0; i < 3; i++) {
            KeyShare before = old.get(i);
            KeyShare after = fresh.get(i);
            assertThat(after.publicKey()).isEqualTo(before.publicKey());
            assertThat(after.chainCode()).isEqualTo(before.chainCode());
            assertThat(after.generation()).isEqualTo(1);
            assertThat(after.secretShare()).isNotEqualTo(before.secretShare());
            assertThat(after.publicShare(i + 1)).isNotEqualTo(before.publicShare(i + 1));
            assertThat(after.paillierKey(i + 1).n()).isNotEqualTo(before.paillierKey(i + 1).n());
        }
        KeygenTest.assertAnyThresholdSetReconstructsTheKey(fresh, List.of(1, 3));
        RefreshedSigning.assertSigns(fresh, List.of(1, 3));
        // party 2 still holds its pre-refresh share: party 1 (refreshed) names it
        List<KeyShare> mixed = List.of(fresh.get(0), old.get(1), fresh.get(2));
        RefreshedSigning.assertOldShareIsNamed(mixed, 1, 2);
    }
}
