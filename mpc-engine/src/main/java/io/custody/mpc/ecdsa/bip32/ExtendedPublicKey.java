package io.custody.mpc.ecdsa.bip32;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.Arrays;

/** The BIP32 "xpub" serialisation (mainnet version bytes, Base58Check), to export derived keys and to test them. */
public final class ExtendedPublicKey {

    private static final byte[] XPUB = {0x04, (byte) 0x88, (byte) 0xB2, 0x1E};
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private ExtendedPublicKey() {
    }

    public static String serialize(Bip32.Derived d) {
        byte[] out = new byte[78];
        System.arraycopy(XPUB, 0, out, 0, 4);
        out[4] = (byte) d.depth();
        System.arraycopy(d.parentFingerprint(), 0, out, 5, 4);
        long c = d.childNumber();
        out[9] = (byte) (c >>> 24);
        out[10] = (byte) (c >>> 16);
        out[11] = (byte) (c >>> 8);
        out[12] = (byte) c;
        System.arraycopy(d.chainCode(), 0, out, 13, 32);
        System.arraycopy(Secp256k1.encode(d.publicKey()), 0, out, 45, 33);
        return base58Check(out);
    }

    public static Bip32.Derived parse(String xpub) {
        byte[] raw = base58CheckDecode(xpub);
        if (raw.length != 78 || !Arrays.equals(Arrays.copyOf(raw, 4), XPUB)) {
            throw new IllegalArgumentException("not a mainnet xpub");
        }
        long child = ((raw[9] & 0xffL) << 24) | ((raw[10] & 0xff) << 16) | ((raw[11] & 0xff) << 8) | (raw[12] & 0xff);
        return new Bip32.Derived(Secp256k1.decode(Arrays.copyOfRange(raw, 45, 78)), Arrays.copyOfRange(raw, 13, 45),
                BigInteger.ZERO, raw[4] & 0xff, Arrays.copyOfRange(raw, 5, 9), child);
    }

    static byte[] fingerprint(ECPoint key) {
        byte[] sha = hash(new SHA256Digest(), Secp256k1.encode(key));
        return Arrays.copyOf(hash(new RIPEMD160Digest(), sha), 4);
    }

    private static byte[] hash(org.bouncycastle.crypto.Digest d, byte[] in) {
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] checksum(byte[] payload) {
        return Arrays.copyOf(hash(new SHA256Digest(), hash(new SHA256Digest(), payload)), 4);
    }

    static String base58Check(byte[] payload) {
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum(payload), 0, full, payload.length, 4);
        StringBuilder sb = new StringBuilder();
        BigInteger v = new BigInteger(1, full);
        BigInteger base = BigInteger.valueOf(58);
        while (v.signum() > 0) {
            BigInteger[] qr = v.divideAndRemainder(base);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            v = qr[0];
        }
        for (int i = 0; i < full.length && full[i] == 0; i++) sb.append('1');
        return sb.reverse().toString();
    }

    static byte[] base58CheckDecode(String s) {
        BigInteger v = BigInteger.ZERO;
        for (char ch : s.toCharArray()) {
            int digit = ALPHABET.indexOf(ch);
            if (digit < 0) throw new IllegalArgumentException("not Base58");
            v = v.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
        }
        byte[] raw = v.toByteArray();
        int strip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        int leading = 0;
        while (leading < s.length() && s.charAt(leading) == '1') leading++;
        byte[] full = new byte[leading + raw.length - strip];
        System.arraycopy(raw, strip, full, leading, raw.length - strip);
        byte[] payload = Arrays.copyOf(full, full.length - 4);
        if (!Arrays.equals(Arrays.copyOfRange(full, full.length - 4, full.length), checksum(payload))) {
            throw new IllegalArgumentException("bad Base58Check checksum");
        }
        return payload;
    }
}
