package io.custody.audit.record;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 from the JDK (every Java SE runtime must provide it). */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides SHA-256", e);
        }
    }

    public static byte[] of(byte[] data) {
        return digest().digest(data);
    }
}
