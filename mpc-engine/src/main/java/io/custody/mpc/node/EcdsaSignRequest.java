package io.custody.mpc.node;

import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code message} of an ECDSA SIGN session: which presignature to consume, and what to sign with it, namely the
 * message itself (never a digest: the nodes hash it, docs/adr/ecdsa-003), the digest to hash it with and the
 * non-hardened BIP32 path of the signing key below the joint key.
 *
 * <p>Encoding, version 1: byte 1, presignature id (2-byte length + UTF-8), digest (1 byte: 0 Keccak-256,
 * 1 SHA-256), path length (1 byte, at most 16) and each index (4 bytes, below 2^31), message (4-byte length, at most
 * 512 KiB, + bytes). Decoding refuses any other version, out-of-range value or trailing byte.
 */
public record EcdsaSignRequest(String presignatureId, MessageDigest digest, List<Integer> path, byte[] message) {

    private static final int VERSION = 1;
    private static final int MAX_DEPTH = 16;
    private static final int MAX_MESSAGE = 512 * 1024;

    public EcdsaSignRequest {
        Objects.requireNonNull(presignatureId, "presignatureId");
        Objects.requireNonNull(digest, "digest");
        path = List.copyOf(path);
        if (path.size() > MAX_DEPTH) throw new IllegalArgumentException("derivation path deeper than " + MAX_DEPTH);
        for (int index : path) {
            if (index < 0 || index >= Bip32.HARDENED) throw new IllegalArgumentException("hardened or negative index");
        }
        if (message.length > MAX_MESSAGE) throw new IllegalArgumentException("message longer than " + MAX_MESSAGE);
        message = message.clone();
    }

    /** The engine's request for the online signing round. */
    public SignRequest toEngineRequest() {
        return new SignRequest(message, digest, path);
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(presignatureId);
            out.writeByte(digest.ordinal());
            out.writeByte(path.size());
            for (int index : path) out.writeInt(index);
            out.writeInt(message.length);
            out.write(message);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException for another version, an out-of-range field or trailing bytes */
    public static EcdsaSignRequest decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalArgumentException("sign request version " + version);
            String id = in.readUTF();
            int digest = in.readUnsignedByte();
            if (digest >= MessageDigest.values().length) throw new IllegalArgumentException("unknown digest " + digest);
            int depth = in.readUnsignedByte();
            if (depth > MAX_DEPTH) throw new IllegalArgumentException("derivation path too deep");
            List<Integer> path = new ArrayList<>();
            for (int i = 0; i < depth; i++) path.add(in.readInt());
            int length = in.readInt();
            if (length < 0 || length > MAX_MESSAGE) throw new IllegalArgumentException("message length out of range");
            byte[] message = in.readNBytes(length);
            if (message.length != length || in.read() != -1) throw new IllegalArgumentException("malformed sign request");
            return new EcdsaSignRequest(id, MessageDigest.values()[digest], path, message);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed sign request");
        }
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcdsaSignRequest r && presignatureId.equals(r.presignatureId) && digest == r.digest
                && path.equals(r.path) && Arrays.equals(message, r.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(presignatureId, digest, path);
    }

    @Override
    public String toString() {
        return "EcdsaSignRequest[presignature=" + presignatureId + " " + digest + " path=" + path + " bytes="
                + message.length + "]";
    }
}
