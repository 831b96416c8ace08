package io.custody.mpc.frost;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
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
        List<FrostRefreshParty> parties = shares.stream().map(s -> new FrostRefreshParty("refresh", s, TestIdentities.keys(s.identifier()), RANDOM)).toList();
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
        FrostSigningParty p1 = new FrostSigningParty("mix", stale, ids, msg, TestIdentities.keys(stale.identifier()), RANDOM);
        FrostSigningParty p2 = new FrostSigningParty("mix", after.get(1), ids, msg, TestIdentities.keys(after.get(1).identifier()), RANDOM);
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(List.of(p1, p2));
        assertThat(out.get(2)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(1);
            assertThat(a.check()).isEqualTo("signature-share");
        });
    }

    @Test
    void refresh_share_that_does_not_match_commitments_names_its_dealer() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<FrostRefreshParty> parties = before.stream().map(s -> new FrostRefreshParty("r", s, TestIdentities.keys(s.identifier()), RANDOM)).toList();
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties, (m, r) ->
                m.round() == 2 && m.from() == 3 && r == 1 ? LocalRun.withPayload(m, LocalRun.flipByte(1).apply(m.payload())) : m);
        assertThat(out.get(1)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(3);
            assertThat(a.check()).isEqualTo("refresh-share-verification");
        });
    }

    @Test
    void a_refresh_finishes_only_with_every_partys_signed_acknowledgement_of_one_package() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<KeyShare> pending = new ArrayList<>();
        List<FrostRefreshParty> parties = before.stream().map(s -> new FrostRefreshParty("ack", s,
                TestIdentities.keys(s.identifier()), RANDOM, pending::add)).toList();
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties);
        assertThat(out.values()).allMatch(s -> s instanceof Step.Done);
        assertThat(pending).as("every party stored its share before acknowledging it").hasSize(3);
        var keys = new java.util.TreeMap<Integer, org.bouncycastle.crypto.params.Ed25519PublicKeyParameters>();
        for (int p = 1; p <= 3; p++) keys.put(p, TestIdentities.privateKey(p).generatePublicKey());
        for (FrostRefreshParty p : parties) {
            assertThat(p.certificate().verifies(keys)).isTrue();
        }
        // A certificate with one signature changed no longer proves anything.
        var cert = parties.get(0).certificate();
        var forged = new java.util.TreeMap<>(cert.signatures());
        byte[] sig = forged.get(2).clone();
        sig[0] ^= 1;
        forged.put(2, sig);
        assertThat(new io.custody.mpc.ecdsa.round.AckCertificate(cert.context(), cert.sessionId(), cert.protocol(),
                cert.round(), cert.ackPayload(), forged).verifies(keys)).isFalse();
    }

    @Test
    void a_party_acknowledging_another_package_is_named_and_nobody_finishes() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<FrostRefreshParty> parties = before.stream().map(s -> new FrostRefreshParty("ack-lie", s,
                TestIdentities.keys(s.identifier()), RANDOM)).toList();
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties, (m, r) ->
                m.round() == FrostRefreshParty.ACK_ROUND && m.from() == 2
                        ? LocalRun.withPayload(m, LocalRun.flipByte(0).apply(m.payload())) : m);
        MaliciousPartyTest.honestPartiesBlame(out, 2, "refresh-ack");
    }

    @Test
    void a_party_that_cannot_store_its_pending_share_stops_without_acknowledging_or_blaming() {
        List<KeyShare> before = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        List<FrostRefreshParty> parties = before.stream().map(s -> new FrostRefreshParty("no-disk", s,
                TestIdentities.keys(s.identifier()), RANDOM, share -> {
                    if (share.identifier() == 1) throw new IllegalStateException("disk full");
                })).toList();
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties);
        assertThat(out.get(1)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isZero();
            assertThat(a.check()).isEqualTo("refresh-pending-store");
        });
        assertThat(out.values()).noneMatch(s -> s instanceof Step.Done);
    }

    @Test
    void a_new_share_that_does_not_match_its_new_verifying_share_stops_the_refresh_blaming_nobody() {
        List<KeyShare> shares = dkg(Ed25519Sha512.INSTANCE, 2, 3);
        PublicKeyPackage real = shares.get(0).publicKeyPackage();
        var verifying = new java.util.TreeMap<>(real.verifyingShares());
        verifying.put(1, verifying.get(2)); // a package whose entry for party 1 is not party 1's
        PublicKeyPackage forged = new PublicKeyPackage(real.suite(), real.threshold(), real.groupPublicKey(), verifying);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrostRefreshParty.requireOwnShareMatches(
                        real.suite(), 1, shares.get(0).secret(), forged))
                .isInstanceOfSatisfying(PartyFault.class, f -> {
                    assertThat(f.culprit).isZero();
                    assertThat(f.check).isEqualTo("refresh-own-share");
                });
        FrostRefreshParty.requireOwnShareMatches(real.suite(), 1, shares.get(0).secret(), real);
    }
}
