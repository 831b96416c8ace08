package io.custody.command.wallet;

import io.custody.api.error.Reason;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.command.common.Violations;
import java.util.List;

/** Everything a wallet creation must satisfy before anything is stored. */
final class WalletCreationRules {

    static final int MAX_NAME_LENGTH = 120;

    private WalletCreationRules() {
    }

    static Violations violations(CreateCustodyWallet command) {
        Violations errors = new Violations();
        if (command.organisation() == null) {
            errors.add(Reason.INVALID_FIELD, "organisation", "is required");
        }
        nameViolations(command.name()).forEach(problem -> errors.add(Reason.INVALID_FIELD, "name", problem));
        return errors.addAll(Reason.SIGNER_RULES_VIOLATED,
                SignerSetPolicy.violations(command.signers(), command.threshold(), command.chainFamily()));
    }

    /** A display name: not blank, at most {@value #MAX_NAME_LENGTH} characters, no control characters. */
    static List<String> nameViolations(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            return List.of("is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return List.of("must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return List.of("must not contain control characters");
        }
        return List.of();
    }
}
