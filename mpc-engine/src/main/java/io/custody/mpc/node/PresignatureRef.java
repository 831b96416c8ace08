package io.custody.mpc.node;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.util.encoders.Hex;

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
 * What a PRESIGN session returns (every signer the same bytes): the presignature's id (the presigning session id),
 * the party indices that hold its parts (a SIGN naming it must run on exactly these) and its nonce point R before the
 * per-message re-randomisation. Public data; the secret parts stay in the signers' memory.
 *
 * <p>Encoding, version 1: byte 1, id (2-byte length + UTF-8), signer count (1 byte) and each index (4 bytes), R as 33
 * bytes compressed SEC1.
 */
public record PresignatureRef(String id, List<Integer> signers, byte[] bigR) {

    private static final int VERSION = 1;

    public PresignatureRef {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9-]{8,64}")) throw new IllegalArgumentException("presignature id is a session id");
        signers = signers.stream().sorted().distinct().toList();
        if (signers.size() < 2 || signers.size() > 255) throw new IllegalArgumentException("2..255 signers");
        Secp256k1.decode(bigR);
        bigR = bigR.clone();
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(id);
            out.writeByte(signers.size());
            for (int s : signers) out.writeInt(s);
            out.write(bigR);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException for another version, a malformed body or trailing bytes */
    public static PresignatureRef decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalArgumentException("presignature reference version " + version);
            String id = in.readUTF();
            int n = in.readUnsignedByte();
            List<Integer> signers = new ArrayList<>();
            for (int i = 0; i < n; i++) signers.add(in.readInt());
            byte[] r = in.readNBytes(33);
            if (r.length != 33 || in.read() != -1) throw new IllegalArgumentException("malformed presignature reference");
            return new PresignatureRef(id, signers, r);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed presignature reference");
        }
    }

    @Override
    public byte[] bigR() {
        return bigR.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresignatureRef p && id.equals(p.id) && signers.equals(p.signers)
                && Arrays.equals(bigR, p.bigR);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "PresignatureRef[" + id + " signers=" + signers + " R=" + Hex.toHexString(bigR) + "]";
    }
}
