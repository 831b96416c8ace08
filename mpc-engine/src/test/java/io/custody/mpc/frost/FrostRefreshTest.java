package io.custody.mpc.frost;

import io.custody.mpc.session.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.custody.mpc.frost.FrostTestSupport.RANDOM;
import static io.custody.mpc.frost.FrostTestSupport.dkg;
import static org.assertj.core.api.Assertions.assertThat;

class FrostRefreshTest {

    static List<KeyShare> refresh(List<KeyShare> shares) {
        List<FrostRefreshParty> parties = shares.stream().map(s -> new FrostRefreshParty("refresh", s, RANDOM)).toList();
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties);
        List<KeyShare> next = new ArrayList<>();
        out.values().forEach(s -> next.add(((Step.Done<KeyShare>) s).result()));
        return next;
    }

    @Test
    void refresh_changes_every_share_but_keeps_the_group_key_and_signing_works() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<KeyShare> after = refresh(before);
        for (int i = 0; i < 3; i++) {
            assertThat(after.get(i).publicKeyPackage().groupPublicKey())
                    .isEqualTo(before.get(i).publicKeyPackage().groupPublicKey());
            assertThat(after.get(i).secret()).isNotEqualTo(before.get(i).secret());
            assertThat(after.get(i).publicKeyPackage().verifyingShares())
                    .isEqualTo(after.get(0).publicKeyPackage().verifyingShares());
        }
        byte[] msg = {42};
        byte[] sig = FrostDkgAndSigningTest.sign(after, List.of(2, 3), msg);
        assertThat(FrostDkgAndSigningTest.bouncyCastleEd25519Accepts(
                before.get(0).publicKeyPackage().groupPublicKeyBytes(), msg, sig)).isTrue();
    }

    @Test
    void old_share_cannot_sign_with_a_refreshed_one() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<KeyShare> after = refresh(before);
        // Party 1 still holds its old share but the refreshed public package: its signature share fails the check.
        KeyShare stale = before.get(0);
        List<Integer> ids = List.of(1, 2);
        byte[] msg = {7};
        FrostSigningParty p1 = new FrostSigningParty("mix", stale, ids, msg, RANDOM);
        FrostSigningParty p2 = new FrostSigningParty("mix", after.get(1), ids, msg, RANDOM);
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(List.of(p1, p2));
        assertThat(out.get(2)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(1);
            assertThat(a.check()).isEqualTo("signature-share");
        });
    }

    @Test
    void refresh_share_that_does_not_match_commitments_names_its_dealer() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<FrostRefreshParty> parties = before.stream().map(s -> new FrostRefreshParty("r", s, RANDOM)).toList();
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties, (m, r) ->
                m.round() == 2 && m.from() == 3 && r == 1 ? LocalRun.withPayload(m, LocalRun.flipByte(1).apply(m.payload())) : m);
        assertThat(out.get(1)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(3);
            assertThat(a.check()).isEqualTo("refresh-share-verification");
        });
    }
}
