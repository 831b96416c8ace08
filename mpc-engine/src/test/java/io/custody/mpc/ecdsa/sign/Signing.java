package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test driver: presign and sign among a subset of shares over the in-process network. */
final class Signing {

    private Signing() {
    }

    static Map<Integer, Step<Presignature>> presign(String sid, List<KeyShare> shares, List<Integer> signers,
                                                    Function<ProtocolMessage, List<ProtocolMessage>> tamper) {
        return presign(sid, shares, signers, 0, PresignDeviation.HONEST, tamper);
    }

    /** Presigning in which party {@code deviant} departs from the protocol as {@code deviation} says. */
    static Map<Integer, Step<Presignature>> presign(String sid, List<KeyShare> shares, List<Integer> signers,
                                                    int deviant, PresignDeviation deviation,
                                                    Function<ProtocolMessage, List<ProtocolMessage>> tamper) {
        List<PresignParty> parties = new ArrayList<>();
        for (int i : signers) {
            parties.add(new PresignParty(sid, shares.get(i - 1), signers, TestIdentities.keys(i), TestRandom.seeded(sid.hashCode() * 31L + i),
                    i == deviant ? deviation : PresignDeviation.HONEST));
        }
        return new LocalNetwork<>(parties).tamper(tamper).run();
    }

    static List<Presignature> presign(String sid, List<KeyShare> shares, List<Integer> signers) {
        return LocalNetwork.results(presign(sid, shares, signers, List::of));
    }

    static Map<Integer, Step<EcdsaSignature>> sign(String sid, List<Presignature> presignatures, SignRequest request,
                                                   Function<ProtocolMessage, List<ProtocolMessage>> tamper) {
        List<SignParty> parties = new ArrayList<>();
        for (Presignature p : presignatures) parties.add(new SignParty(sid, p, request, TestIdentities.keys(p.partyIndex())));
        return new LocalNetwork<>(parties).tamper(tamper).run();
    }

    static List<EcdsaSignature> sign(String sid, List<Presignature> presignatures, SignRequest request) {
        return LocalNetwork.results(sign(sid, presignatures, request, List::of));
    }
}
