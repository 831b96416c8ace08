package io.custody.command.web;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects every syntax problem of a request per field, so that one answer lists all of them; the answer's reason is
 * the first problem's. The edge does not know a wallet's chain family (the command side never reads projections), so
 * addresses are typed by their length, which is unambiguous: 20 bytes is EVM, 32 bytes is Aptos. The aggregate then
 * refuses an address of the wrong family.
 *
 * <p>Parsers throw {@link InvalidValue} to name their reason; any other {@link IllegalArgumentException} (from the
 * value types of the published language) is filed as {@link Reason#INVALID_FIELD}.
 */
final class Fields {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    private Reason firstReason;

    void add(String field, String message) {
        add(field, Reason.INVALID_FIELD, message);
    }

    void add(String field, Reason reason, String message) {
        if (firstReason == null) {
            firstReason = reason;
        }
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    <T> T required(String field, String raw, Function<String, T> parse) {
        if (raw == null) {
            add(field, Reason.MISSING_FIELD, "is required");
            return null;
        }
        return optional(field, raw, parse);
    }

    <T> T optional(String field, String raw, Function<String, T> parse) {
        if (raw == null) return null;
        try {
            return parse.apply(raw);
        } catch (InvalidValue e) {
            add(field, e.reason(), e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            add(field, Reason.INVALID_FIELD, e.getMessage());
            return null;
        }
    }

    void throwIfAny(String message) {
        if (!errors.isEmpty()) {
            throw new RejectedException(new Rejection(firstReason, message, errors));
        }
    }

    static ChainFamily familyOf(String address) {
        if (address != null && address.length() == 66) return ChainFamily.APTOS;
        return ChainFamily.EVM;
    }

    static SignerAddress signer(String raw) {
        if (raw != null && raw.startsWith(SignerAddress.PASSKEY_PREFIX)) {
            // a passkey signer fits any family (ADR identity-003); equality ignores the family it is written with
            return passkeySigner(ChainFamily.EVM, raw);
        }
        return new SignerAddress(checkedFamily(raw), raw);
    }

    private static SignerAddress passkeySigner(ChainFamily family, String raw) {
        try {
            return new SignerAddress(family, raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(Reason.INVALID_ADDRESS, e.getMessage());
        }
    }

    /** A signer of a wallet whose family is known, refused in that family's own words when malformed. */
    static SignerAddress signer(ChainFamily family, String raw) {
        if (raw != null && raw.startsWith(SignerAddress.PASSKEY_PREFIX)) {
            return passkeySigner(family, raw);
        }
        SignerAddress signer;
        try {
            signer = new SignerAddress(family, raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(Reason.INVALID_ADDRESS, e.getMessage());
        }
        checksum(family, raw);
        return signer;
    }

    static DestinationAddress destination(String raw) {
        return new DestinationAddress(checkedFamily(raw), raw);
    }

    /** The family an address's length implies, once its syntax and (for EVM) its checksum are right. */
    private static ChainFamily checkedFamily(String raw) {
        ChainFamily family = familyOf(raw);
        try {
            new DestinationAddress(family, raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(Reason.INVALID_ADDRESS,
                    "must be an EVM address (0x and 40 hex digits) or an Aptos address (0x and 64 hex digits)");
        }
        checksum(family, raw);
        return family;
    }

    private static void checksum(ChainFamily family, String raw) {
        if (family == ChainFamily.EVM && AddressChecksum.mismatches(raw)) {
            throw new InvalidValue(Reason.ADDRESS_CHECKSUM_MISMATCH,
                    "EIP-55 checksum does not match (mistyped address?)");
        }
    }

    static Amount amount(String raw) {
        try {
            return Amount.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(Reason.INVALID_AMOUNT, e.getMessage());
        }
    }

    /** An amount that must be above zero, such as a payment's. */
    static Amount positiveAmount(String raw) {
        Amount amount = amount(raw);
        if (amount.isZero()) {
            throw new InvalidValue(Reason.AMOUNT_NOT_POSITIVE, "must be above zero");
        }
        return amount;
    }

    /**
     * A display name as sent, once it is known to hold no control characters: C0 and C1 controls, line and paragraph
     * separators, and the bidirectional overrides that make a name display as something other than what it is.
     * Length and blankness are the aggregate's rules.
     */
    static String name(String raw) {
        boolean control = raw.codePoints().anyMatch(c -> Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
        if (control) {
            throw new InvalidValue(Reason.INVALID_TEXT, "must not contain control characters");
        }
        return raw;
    }

    /** Parses an identifier with a value type's constructor, filing its failure as {@link Reason#INVALID_ID}. */
    static <T> Function<String, T> id(Function<String, T> parse) {
        return raw -> {
            try {
                return parse.apply(raw);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue(Reason.INVALID_ID, e.getMessage());
            }
        };
    }

    static TokenId token(String raw) {
        return new TokenId(raw);
    }

    static WalletId walletId(String raw) {
        try {
            return WalletId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(new Rejection(Reason.INVALID_ID, "Invalid wallet id",
                    Map.of("walletId", List.of("must be a UUID"))));
        }
    }

    static ProposalId proposalId(String raw) {
        try {
            return ProposalId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(new Rejection(Reason.INVALID_ID, "Invalid proposal id",
                    Map.of("proposalId", List.of("must be a UUID"))));
        }
    }
}
