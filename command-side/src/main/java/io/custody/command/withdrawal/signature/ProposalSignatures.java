package io.custody.command.withdrawal.signature;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalRequestPayload;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.SignerSignature;
import java.util.Optional;

/** Checks a signer's signature over a proposal decision with the scheme of the signer's chain family. */
public final class ProposalSignatures {

    private ProposalSignatures() {
    }

    /** Empty when the signature is valid, else why it is not (a sentence fragment about the signature). */
    public static Optional<String> problem(SignerAddress signer, SignerSignature signature,
                                           ProposalSigningPayload payload, Decision decision) {
        return problem(signer, signature, payload.eip712Json(decision), payload.ed25519Message(decision));
    }

    /** The same check for a proposer's signature over a withdrawal request. */
    public static Optional<String> problem(SignerAddress signer, SignerSignature signature,
                                           ProposalRequestPayload request) {
        return problem(signer, signature, request.eip712Json(), request.ed25519Message());
    }

    /**
     * The check over any signed payload given in both of its forms: EIP-712 typed data for an EVM signer, the Ed25519
     * message for an Aptos signer (a policy change's decision uses it, ADR identity-020).
     */
    public static Optional<String> problem(SignerAddress signer, SignerSignature signature, String eip712Json,
                                           byte[] ed25519Message) {
        if (signer.byPasskey()) {
            // passkey signers approve and reject with an assertion (SignerEvidence.Passkey); proposing is signed with a key
            return Optional.of("cannot be made by a passkey signer; propose with a key signer");
        }
        if (signature == null) {
            return Optional.of("is required");
        }
        byte[] sig = Eip712Signatures.hex(signature.signature());
        if (signer.family() == ChainFamily.EVM) {
            if (signature.publicKey() != null) {
                return Optional.of("must not carry a public key for an EVM signer (the key is recovered)");
            }
            return Eip712Signatures.problem(signer, sig, eip712Json);
        }
        byte[] key = signature.publicKey() == null ? null : Eip712Signatures.hex(signature.publicKey());
        return Ed25519Signatures.problem(signer, key, sig, ed25519Message);
    }
}
