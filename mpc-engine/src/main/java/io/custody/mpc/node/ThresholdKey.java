package io.custody.mpc.node;

import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the coordinator's caller keeps about a threshold key (public data only): which node plays which party, the
 * threshold (minimum signers) and the group public key in its protocol's encoding. The saga persists this.
 */
public record ThresholdKey(WalletId wallet, KeyId key, String protocol, int threshold, Map<Integer, NodeId> parties,
                           byte[] groupPublicKey) {
    public ThresholdKey {
        parties = java.util.Collections.unmodifiableMap(new TreeMap<>(parties));
        groupPublicKey = groupPublicKey.clone();
    }

    @Override
    public byte[] groupPublicKey() {
        return groupPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdKey k && wallet.equals(k.wallet) && key.equals(k.key) && protocol.equals(k.protocol)
                && threshold == k.threshold && parties.equals(k.parties) && Arrays.equals(groupPublicKey, k.groupPublicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(groupPublicKey);
    }
}
