package io.custody.command.wallet;

import io.custody.api.error.Reason;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.command.common.DisplayNames;
import io.custody.command.common.Violations;
import java.util.List;

/** Everything a wallet creation must satisfy before anything is stored. */
final class WalletCreationRules {

    static final int MAX_NAME_LENGTH = DisplayNames.MAX_LENGTH;

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

    /** A display name: see {@link DisplayNames}. */
    static List<String> nameViolations(String raw) {
        return DisplayNames.violations(raw);
    }
}
