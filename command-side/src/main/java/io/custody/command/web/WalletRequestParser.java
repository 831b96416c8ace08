package io.custody.command.web;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the raw request into a command, collecting every syntax problem per field so that the client sees all of them
 * in one answer. Business rules (seed Property 1) are the aggregate's; this only checks that values are well formed,
 * EIP-55 checksums included (the aggregate checks them again).
 */
final class WalletRequestParser {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private WalletRequestParser() {
    }

    /**
     * The wallet is created in the caller's organisation. A body may still name it (older clients did), but only the
     * caller's own: naming another is refused, never obeyed.
     */
    static CreateCustodyWallet parse(CreateWalletRequest request, String idempotencyKey, OrganisationId caller) {
        if (request == null) {
            throw new RejectedException(new Rejection(Reason.BODY_REQUIRED, "Request body is required",
                    Map.of("body", List.of("is required"))));
        }
        Fields fields = new Fields();
        OrganisationId named = fields.optional("organisation", request.organisation(), Fields.id(OrganisationId::new));
        if (named != null && !named.equals(caller)) {
            fields.add("organisation", Reason.INVALID_FIELD,
                    "is the organisation of your credentials; omit it or name your own");
        }
        OrganisationId organisation = caller;
        if (request.name() != null) {
            fields.optional("name", request.name(), Fields::name);
        }
        ChainFamily family = fields.required("chainFamily", request.chainFamily(), raw -> {
            try {
                return ChainFamily.valueOf(raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of EVM, APTOS");
            }
        });
        List<SignerAddress> signers = new ArrayList<>();
        if (request.signers() == null) {
            fields.add("signers", Reason.MISSING_FIELD, "is required");
        } else if (family != null) {
            for (int i = 0; i < request.signers().size(); i++) {
                String raw = request.signers().get(i);
                if (raw == null) {
                    fields.add("signers[" + i + "]", Reason.MISSING_FIELD, "must not be null");
                    continue;
                }
                SignerAddress signer = fields.optional("signers[" + i + "]", raw, text -> Fields.signer(family, text));
                if (signer != null) {
                    signers.add(signer);
                }
            }
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            fields.add("Idempotency-Key", Reason.INVALID_ID, "must be 1-128 visible ASCII characters");
        }
        fields.throwIfAny("Invalid custody wallet");
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
}
