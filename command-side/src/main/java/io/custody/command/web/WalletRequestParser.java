package io.custody.command.web;

import io.custody.api.error.RejectedException;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the raw request into a command, collecting every syntax problem per field so that the client sees all of them
 * in one answer. Business rules (seed Property 1) are the aggregate's; this only checks that values are well formed.
 */
final class WalletRequestParser {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private WalletRequestParser() {
    }

    static CreateCustodyWallet parse(CreateWalletRequest request, String idempotencyKey) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (request == null) {
            throw RejectedException.invalid("Request body is required", Map.of("body", List.of("is required")));
        }
        OrganisationId organisation = null;
        if (request.organisation() == null) {
            add(errors, "organisation", "is required");
        } else {
            try {
                organisation = new OrganisationId(request.organisation());
            } catch (IllegalArgumentException e) {
                add(errors, "organisation", e.getMessage());
            }
        }
        ChainFamily family = null;
        if (request.chainFamily() == null) {
            add(errors, "chainFamily", "is required");
        } else {
            try {
                family = ChainFamily.valueOf(request.chainFamily().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                add(errors, "chainFamily", "must be one of EVM, APTOS");
            }
        }
        List<SignerAddress> signers = new ArrayList<>();
        if (request.signers() == null) {
            add(errors, "signers", "is required");
        } else if (family != null) {
            for (int i = 0; i < request.signers().size(); i++) {
                String raw = request.signers().get(i);
                if (raw == null) {
                    add(errors, "signers[" + i + "]", "must not be null");
                    continue;
                }
                try {
                    signers.add(new SignerAddress(family, raw));
                } catch (IllegalArgumentException e) {
                    add(errors, "signers[" + i + "]", e.getMessage());
                }
            }
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            add(errors, "Idempotency-Key", "must be 1-128 visible ASCII characters");
        }
        if (!errors.isEmpty()) {
            throw RejectedException.invalid("Invalid custody wallet", errors);
        }
        return new CreateCustodyWallet(walletId(organisation, idempotencyKey), organisation, request.name(), signers,
                request.threshold() == null ? 0 : request.threshold(), family);
    }

    /**
     * With an idempotency key the id is derived from it, so a retried request addresses the same aggregate and the
     * event store's uniqueness decides between concurrent duplicates; without one every request is a new wallet.
     */
    private static WalletId walletId(OrganisationId organisation, String idempotencyKey) {
        if (idempotencyKey == null) {
            return WalletId.random();
        }
        String name = "custody-wallet\u0000" + organisation.value() + "\u0000" + idempotencyKey;
        return new WalletId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
