package io.custody.api.withdrawal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The WebAuthn challenge a passkey signer's authenticator signs to approve or reject a proposal (ADR identity-003):
 *
 * <pre>
 *   digest    = SHA-256( UTF-8( ProposalSigningPayload.ed25519Text(decision) ) )
 *   challenge = SHA-256( "Custody passkey approval v1" || 0x00 || digest || serverNonce )
 * </pre>
 *
 * The text is the proposal's canonical form (decision, wallet, proposal, nonce, token, amount, destination, expiry, in
 * that order, each of a closed character set), the same one Aptos signers sign. The server nonce (32 random bytes,
 * single-use, issued to one session) makes every challenge fresh. The server recomputes the challenge from its own
 * state of the proposal, so an assertion made for another proposal, amount, destination or decision does not verify.
 */
public final class PasskeyApprovalChallenge {

    public static final String DOMAIN = "Custody passkey approval v1";
    public static final int NONCE_BYTES = 32;

    private PasskeyApprovalChallenge() {
    }

    /** SHA-256 of the proposal's canonical text for {@code decision}. */
    public static byte[] digest(ProposalSigningPayload payload, Decision decision) {
        return sha256(payload.ed25519Text(decision).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] challenge(ProposalSigningPayload payload, Decision decision, byte[] serverNonce) {
        return challenge(digest(payload, decision), serverNonce);
    }

    /**
     * SHA-256 of a policy change's canonical text for {@code decision} (ADR identity-020): the text begins with its own
     * domain ("Custody Policy v1"), so no proposal's digest is ever a policy change's.
     */
    public static byte[] digest(io.custody.api.governance.PolicyChangeSigningPayload payload,
                                io.custody.api.governance.PolicyDecision decision) {
        return sha256(payload.ed25519Text(decision).getBytes(StandardCharsets.UTF_8));
    }

    /** The challenge over any decision's {@code digest}: what a passkey signs, made fresh by the server nonce. */
    public static byte[] challenge(byte[] digest, byte[] serverNonce) {
        if (serverNonce == null || serverNonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("the server nonce must be " + NONCE_BYTES + " bytes");
        }
        byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[domain.length + 1 + digest.length + serverNonce.length];
        System.arraycopy(domain, 0, input, 0, domain.length);
        input[domain.length] = 0x00;
        System.arraycopy(digest, 0, input, domain.length + 1, digest.length);
        System.arraycopy(serverNonce, 0, input, domain.length + 1 + digest.length, serverNonce.length);
        return sha256(input);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
