package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/** A Schnorr signature (R, z) as FROST's aggregate produces it; its byte form depends on the ciphersuite. */
public record FrostSignature(ECPoint commitment, BigInteger response) {
}
