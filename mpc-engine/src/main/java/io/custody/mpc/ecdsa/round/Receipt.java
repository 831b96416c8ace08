package io.custody.mpc.ecdsa.round;

/**
 * The digest of one received broadcast and its sender's signature over (session, protocol, round, sender, broadcast,
 * digest). Echoing receipts instead of bare digests makes an echo disagreement provable: a receipt that verifies
 * under the sender's key but differs from what this party received shows the sender signed two messages for one round.
 */
public record Receipt(byte[] digest, byte[] signature) {

    public static final int DIGEST_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    public Receipt {
        digest = digest.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Digest then signature, each length-prefixed. */
    public void write(io.custody.mpc.ecdsa.wire.WireWriter out) {
        out.bytes(digest).bytes(signature);
    }

    public static Receipt read(io.custody.mpc.ecdsa.wire.WireReader in) {
        byte[] d = in.bytes();
        byte[] sig = in.bytes();
        if (d.length != DIGEST_BYTES || sig.length != SIGNATURE_BYTES) {
            throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("echo receipt sizes");
        }
        return new Receipt(d, sig);
    }

    public boolean sameDigest(Receipt other) {
        return java.util.Arrays.equals(digest, other.digest);
    }
}
