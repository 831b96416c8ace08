package io.custody.command.wallet;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed Property 1: a custody wallet needs at least two distinct signers and a threshold of at least two that does not
 * exceed the number of signers, all signers of the wallet's own chain family with valid addresses. A member's passkey
 * (ADR identity-003) fits a wallet of any family: it approves decisions and never signs a transaction.
 *
 * <p>A threshold of one would let a single signer move funds alone, which is what custody exists to prevent.
 */
public final class SignerSetPolicy {

    public static final int MIN_SIGNERS = 2;
    public static final int MIN_THRESHOLD = 2;
    /** Large signer sets make every approval round slow and are never what an organisation means; 20 matches the MPC limit. */
    public static final int MAX_SIGNERS = 20;

    private SignerSetPolicy() {
    }

    /** Returns the violations per field; an empty map means the signer set is acceptable. */
    public static Map<String, List<String>> violations(List<SignerAddress> signers, Integer threshold,
                                                       ChainFamily family) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        int count = signers == null ? 0 : signers.size();
        if (count < MIN_SIGNERS) {
            add(errors, "signers", "at least " + MIN_SIGNERS + " signers are required");
        }
        if (count > MAX_SIGNERS) {
            add(errors, "signers", "at most " + MAX_SIGNERS + " signers are allowed");
        }
        if (signers != null) {
            Set<SignerAddress> seen = new HashSet<>();
            for (int i = 0; i < signers.size(); i++) {
                SignerAddress signer = signers.get(i);
                if (signer == null) {
                    add(errors, "signers[" + i + "]", "must not be null");
                    continue;
                }
                if (family != null && signer.family() != family && !signer.byPasskey()) {
                    add(errors, "signers[" + i + "]", "is an " + signer.family() + " address in a " + family + " wallet");
                } else if (!seen.add(signer)) {
                    add(errors, "signers[" + i + "]", "duplicates another signer");
                } else {
                    String field = "signers[" + i + "]";
                    SignerAddressChecksum.violation(signer).ifPresent(v -> add(errors, field, v));
                }
            }
        }
        if (threshold == null) {
            add(errors, "threshold", "is required");
        } else {
            if (threshold < MIN_THRESHOLD) {
                add(errors, "threshold", "must be at least " + MIN_THRESHOLD);
            }
            if (count >= MIN_SIGNERS && threshold > count) {
                add(errors, "threshold", "must not exceed the number of signers (" + count + ")");
            }
        }
        if (family == null) {
            add(errors, "chainFamily", "is required");
        }
        return errors;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
