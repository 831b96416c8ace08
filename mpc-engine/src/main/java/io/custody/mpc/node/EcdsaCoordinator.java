package io.custody.mpc.node;

import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Threshold ECDSA through the generic {@link Coordinator}: typed requests and results around its key generation,
 * refresh, presign (with failover) and sign-on-named-signers, plus "sign without presignature" for callers that keep
 * no stock. Every signature has been checked by the coordinator (agreement of all signers, BouncyCastle verification
 * under the derived key, low s, recovery id) before it is returned.
 */
public final class EcdsaCoordinator {

    private final Coordinator coordinator;

    public EcdsaCoordinator(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** Key generation on all {@code nodes}; any {@code signers} of them sign later (2 for 2-of-3). */
    public ThresholdKey generateKey(WalletId wallet, KeyId key, int signers, List<NodeId> nodes) {
        return coordinator.generateKey(wallet, key, EcdsaProtocolFactory.PROTOCOL, signers, nodes);
    }

    public ThresholdKey refresh(ThresholdKey key) {
        return coordinator.refresh(requireEcdsa(key));
    }

    public static EcdsaPublicKey publicKey(ThresholdKey key) {
        return EcdsaPublicKey.decode(requireEcdsa(key).groupPublicKey());
    }

    /** A presignature on any t healthy nodes; a node named as culprit is left out and the run retried. */
    public PresignatureRef presign(ThresholdKey key) {
        return presign(key, Set.of());
    }

    private PresignatureRef presign(ThresholdKey key, Set<NodeId> without) {
        return PresignatureRef.decode(coordinator.presign(requireEcdsa(key), new byte[0], without));
    }

    /**
     * Signs with the presignature {@code presignature} on exactly its signers. Single use: a second call with the same
     * presignature fails (NODE_REFUSED, check PRESIGNATURE_USED) and signs nothing.
     */
    public RecoverableSignature sign(ThresholdKey key, PresignatureRef presignature, SignRequest what) {
        byte[] request = new EcdsaSignRequest(presignature.id(), what.digest(), what.path(), what.message()).encode();
        return RecoverableSignature.decode(coordinator.signWith(requireEcdsa(key), presignature.signers(), request));
    }

    /**
     * Presign then sign, for callers without a stock. A node blamed in either phase, or lost between them, is left
     * out and both phases rerun while {@code threshold} others remain.
     */
    public RecoverableSignature sign(ThresholdKey key, SignRequest what) {
        Set<NodeId> excluded = new LinkedHashSet<>();
        CoordinatorException last = null;
        while (key.parties().size() - excluded.size() >= key.threshold()) {
            PresignatureRef ref = presign(key, excluded);
            try {
                return sign(key, ref, what);
            } catch (CoordinatorException e) {
                boolean retryWithout = e.culpritNode() != null && !excluded.contains(e.culpritNode())
                        && (e.code().equals("NODE_UNAVAILABLE") || e.code().equals("SESSION_ABORTED"));
                if (!retryWithout) throw e;
                excluded.add(e.culpritNode());
                last = e;
            }
        }
        throw new CoordinatorException("INSUFFICIENT_NODES", "signing needs " + key.threshold() + " nodes; left out "
                + excluded + ", last because " + last.code() + ": " + last.getMessage(), last.culpritNode(), last.check());
    }

    private static ThresholdKey requireEcdsa(ThresholdKey key) {
        if (!key.protocol().equals(EcdsaProtocolFactory.PROTOCOL)) {
            throw new IllegalArgumentException("not a threshold ECDSA key: " + key.protocol());
        }
        return key;
    }
}
