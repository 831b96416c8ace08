package io.custody.mpc.node;

import io.custody.mpc.frost.Ciphersuite;
import io.custody.mpc.frost.FrostDkgParty;
import io.custody.mpc.frost.FrostRefreshParty;
import io.custody.mpc.frost.FrostSigningParty;
import io.custody.mpc.frost.KeyShare;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.ShareSlot;
import io.custody.mpc.ecdsa.round.PartyKeys;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Runs FROST at a node: key generation stores the new share and returns the group public key; signing loads the
 * share and returns the signature; refresh loads the share, keeps the refreshed one pending and replaces the old only
 * under every party's signed acknowledgement (docs/adr/frost-005), and returns the unchanged group key. Messages are
 * signed with the node's identity key (context {@code custody-frost-message/1}), checked against the roster's keys.
 */
public final class FrostProtocolFactory implements ProtocolFactory {

    private final Ciphersuite suite;

    public FrostProtocolFactory(Ciphersuite suite) {
        this.suite = suite;
    }

    @Override
    public String protocol() {
        return suite.protocolName();
    }

    /** FROST signs its messages with the node's identity key, so it needs the node context; see the overload below. */
    @Override
    public NodeSession<?> open(SessionRequest r, int party, EncryptedShareStore store, SecureRandom random) {
        throw new UnsupportedOperationException("FROST runs need the node's identity to sign their messages");
    }

    @Override
    public NodeSession<?> open(SessionRequest r, int party, NodeContext node, SecureRandom random) {
        EncryptedShareStore store = node.store();
        ShareSlot slot = new ShareSlot(r.wallet(), r.key(), r.protocol());
        PartyKeys keys = node.partyKeys(r.parties());
        if (r.operation() == Operation.SIGN || r.operation() == Operation.REFRESH) {
            node.refreshLedger().settle(slot);
        }
        return switch (r.operation()) {
            case KEYGEN -> {
                int n = r.parties().size();
                if (!r.parties().keySet().equals(java.util.stream.IntStream.rangeClosed(1, n).boxed()
                        .collect(java.util.stream.Collectors.toSet()))) {
                    throw new IllegalArgumentException("FROST key generation numbers its parties 1.." + n);
                }
                if (store.exists(slot)) {
                    // Its own code, so that a caller retrying a key generation can tell "done before" from a bad request.
                    throw new SessionRefusedException(409, "SHARE_EXISTS", "a share already exists for " + r.wallet()
                            + "/" + r.key());
                }
                yield new NodeSession<>(new FrostDkgParty(suite, r.sessionId(), party, r.threshold(), r.parties().size(),
                        keys, random), share -> persist(store, slot, share));
            }
            case SIGN -> {
                KeyShare share = load(store, slot, party);
                yield new NodeSession<>(new FrostSigningParty(r.sessionId(), share, r.active(), r.message(), keys,
                        random), sig -> {
                            share.destroy();
                            return suite.serializeSignature(sig);
                        });
            }
            case PRESIGN -> throw new UnsupportedOperationException(
                    "FROST has no presign phase: its nonce commitments are the first signing round");
            case RESOLVE_REFRESH -> throw new UnsupportedOperationException("the node resolves refreshes itself");
            case REFRESH -> {
                KeyShare share = load(store, slot, party);
                RefreshLedger ledger = node.refreshLedger();
                // The new share waits in a pending slot next to the old one and replaces it only under the
                // certificate of every party's acknowledgement (docs/adr/frost-005).
                FrostRefreshParty machine = new FrostRefreshParty(r.sessionId(), share, keys, random, fresh -> {
                    byte[] plain = fresh.toBytes();
                    try {
                        ledger.storePending(slot, new RefreshLedger.Pending(r.sessionId(), r.parties(),
                                FrostRefreshParty.ackPayload(r.sessionId(), fresh.publicKeyPackage()), plain));
                    } finally {
                        Arrays.fill(plain, (byte) 0);
                    }
                });
                yield new NodeSession<>(machine, fresh -> {
                    share.destroy();
                    ledger.commit(slot, machine.certificate());
                    fresh.destroy();
                    return fresh.publicKeyPackage().groupPublicKeyBytes();
                });
            }
        };
    }

    private KeyShare load(EncryptedShareStore store, ShareSlot slot, int party) {
        byte[] plain = store.get(slot);
        KeyShare share;
        try {
            share = KeyShare.fromBytes(suite, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        if (share.identifier() != party) {
            // The party map comes from the coordinator; the share's identifier was fixed by the DKG and wins.
            share.destroy();
            throw new IllegalArgumentException("request makes this node party " + party + " but its share is party "
                    + share.identifier());
        }
        return share;
    }

    private byte[] persist(EncryptedShareStore store, ShareSlot slot, KeyShare share) {
        byte[] plain = share.toBytes();
        try {
            store.put(slot, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
            share.destroy();
        }
        return share.publicKeyPackage().groupPublicKeyBytes();
    }
}
