package io.custody.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.identity.CallerKind;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.IssueMerchantApiKey;
import io.custody.api.payment.MerchantApiKeyIssued;
import io.custody.api.payment.MerchantApiKeyRevoked;
import io.custody.api.payment.RevokeMerchantApiKey;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentId;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.payment.RegisterMerchant;
import io.custody.api.payment.RoutePayment;
import io.custody.api.payment.RoutingResult;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.command.common.Rejections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import io.custody.command.common.DisplayNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.OrganisationId;
import io.custody.command.identity.Tenancy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A merchant, its API keys (ADR identity-030) and the payments routed to it. Idempotency keys live in the merchant's
 * own event stream, so the guarantee of seed Property 3 holds across instances and restarts: two requests with one key
 * at the same time are serialised by the aggregate (a lock in one JVM, the event store's optimistic concurrency across
 * JVMs, after which the loser is retried and finds the first result).
 */
@Aggregate
public class Merchant {

    private static final Pattern PAYER = Pattern.compile("[A-Za-z0-9:_.\\-]{1,128}");

    @AggregateIdentifier
    private MerchantId merchantId;
    private OrganisationId organisation;
    private String name;
    private DestinationAddress directWallet;
    private WalletId custodyWallet;
    private DestinationAddress custodyAddress;
    private final Map<IdempotencyKey, PaymentRouted> byKey = new HashMap<>();
    private final Map<PaymentId, IdempotencyKey> keyOfPayment = new HashMap<>();
    private final Set<String> activeApiKeys = new HashSet<>();
    private final Set<String> revokedApiKeys = new HashSet<>();

    /** Enough for rotation across several systems of the merchant; more usually means keys nobody retires. */
    static final int MAX_ACTIVE_API_KEYS = 10;

    protected Merchant() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * Another organisation's merchant is answered as a missing one (the same words, the same code), and so is another
     * merchant to a merchant API key. A merchant API key only ever routes payments (the route table says so too; this
     * is the second line).
     */
    @CommandHandlerInterceptor
    Object onlyForItsOrganisation(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object caller = command.getMetaData().get(Caller.ORGANISATION);
        if (merchantId != null && !Tenancy.visibleTo(caller == null ? null : caller.toString(), organisation)) {
            throw new AggregateNotFoundException(merchantId.value(), "No such resource"); // as a missing one is answered
        }
        if (CallerKind.MERCHANT_API_KEY.name().equals(command.getMetaData().get(Caller.KIND))) {
            if (merchantId == null || !merchantId.value().equals(command.getMetaData().get(Caller.SUBJECT))) {
                throw new AggregateNotFoundException(String.valueOf(merchantId), "No such resource");
            }
            if (!(command.getPayload() instanceof RoutePayment)) {
                throw Rejections.because(Reason.MERCHANT_KEY_SCOPE, "A merchant API key may only route payments");
            }
        }
        return chain.proceed();
    }

    /**
     * Issues an API key: the secret was made by the server and is not here, only its hash. Keys belong to merchants
     * of an organisation; a key id is never issued twice, not even after its key was revoked.
     */
    @CommandHandler
    public void handle(IssueMerchantApiKey command, Clock clock) {
        if (organisation == null) {
            throw Rejections.because(Reason.GENERIC_CONFLICT, "A merchant of no organisation cannot hold API keys");
        }
        Problems problems = new Problems();
        if (command.keyId() == null || !MerchantApiKeys.KEY_ID.matcher(command.keyId()).matches()) {
            problems.add("keyId", Reason.INVALID_ID, "must be 32 lower-case hex characters");
        }
        if (command.secretHash() == null || !command.secretHash().matches("[0-9a-f]{64}")) {
            problems.add("secretHash", Reason.INVALID_FIELD, "must be a SHA-256 in hex");
        }
        DisplayNames.violations(command.label()).forEach(v -> problems.add("label", Reason.INVALID_TEXT, v));
        if (command.scopes() == null || command.scopes().isEmpty()
                || command.scopes().stream().anyMatch(Objects::isNull)) {
            problems.add("scopes", Reason.INVALID_FIELD, "must name at least one scope");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(clock.instant())) {
            problems.add("expiresAt", Reason.EXPIRY_OUT_OF_RANGE, "must be in the future");
        }
        problems.throwIfAny("Invalid merchant API key");
        if (activeApiKeys.contains(command.keyId()) || revokedApiKeys.contains(command.keyId())) {
            throw Rejections.because(Reason.ID_TAKEN, "This key id was issued before");
        }
        if (activeApiKeys.size() >= MAX_ACTIVE_API_KEYS) {
            throw Rejections.because(Reason.TOO_MANY_KEYS, "A merchant holds at most " + MAX_ACTIVE_API_KEYS
                    + " active API keys; revoke one first");
        }
        apply(new MerchantApiKeyIssued(merchantId, organisation, command.keyId(), command.secretHash(),
                command.label().strip(), Set.copyOf(command.scopes()), command.expiresAt(), clock.instant()));
    }

    /** Revokes a key; revoking a revoked key again records nothing more. */
    @CommandHandler
    public void handle(RevokeMerchantApiKey command, Clock clock) {
        if (revokedApiKeys.contains(command.keyId())) {
            return;
        }
        if (!activeApiKeys.contains(command.keyId())) {
            throw Rejections.because(Reason.KEY_NOT_FOUND, "The merchant has no API key " + command.keyId());
        }
        apply(new MerchantApiKeyRevoked(merchantId, organisation, command.keyId(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MerchantId handle(RegisterMerchant command, Clock clock, CustodyWallets wallets) {
        if (merchantId != null) {
            boolean same = name.equals(command.name() == null ? null : command.name().strip())
                    && directWallet.equals(command.directWallet())
                    && Objects.equals(custodyWallet, command.custodyWallet())
                    && Objects.equals(custodyAddress, command.custodyAddress());
            if (!same) {
                throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                        "merchant " + merchantId + " is already registered differently");
            }
            return merchantId;
        }
        Problems problems = new Problems();
        String cleanName = command.name() == null ? "" : command.name().strip();
        if (cleanName.isEmpty() || cleanName.length() > 120) {
            problems.add("name", Reason.INVALID_TEXT, "must be 1-120 characters");
        }
        if (cleanName.chars().anyMatch(Character::isISOControl)) {
            problems.add("name", Reason.INVALID_TEXT, "must not contain control characters");
        }
        if (command.directWallet() == null) problems.add("directWallet", Reason.MISSING_FIELD, "is required");
        if ((command.custodyWallet() == null) != (command.custodyAddress() == null)) {
            problems.add("custodyAddress", Reason.INVALID_FIELD, "custodyWallet and custodyAddress go together");
        }
        // Payments would be escrowed into a wallet nobody can ever approve withdrawals from.
        if (command.custodyWallet() != null && !wallets.existsIn(command.custodyWallet(), command.organisation())) {
            problems.add("custodyWalletId", Reason.UNKNOWN_WALLET, "no custody wallet has this id");
        }
        problems.throwIfAny("Invalid merchant");
        apply(new MerchantRegistered(command.merchantId(), cleanName, command.directWallet(), command.custodyWallet(),
                command.custodyAddress(), clock.instant(), command.organisation()));
        return command.merchantId();
    }

    @CommandHandler
    public RoutingResult handle(RoutePayment command, Clock clock) {
        Problems problems = new Problems();
        if (command.idempotencyKey() == null) problems.add("Idempotency-Key", Reason.MISSING_FIELD, "is required");
        if (command.paymentId() == null) problems.add("paymentId", Reason.MISSING_FIELD, "is required");
        if (command.token() == null) problems.add("token", Reason.MISSING_FIELD, "is required");
        if (command.amount() == null || command.amount().isZero()) {
            problems.add("amount", Reason.AMOUNT_NOT_POSITIVE, "must be above zero");
        }
        if (command.payer() != null && !PAYER.matcher(command.payer()).matches()) {
            problems.add("payer", Reason.INVALID_FIELD, "is malformed");
        }
        problems.throwIfAny("Invalid payment");
        PaymentRouted earlier = byKey.get(command.idempotencyKey());
        if (earlier != null) {
            if (!samePayload(earlier, command)) {
                throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                        "idempotency key " + command.idempotencyKey() + " was used for a different payment");
            }
            return earlier.result();
        }
        if (keyOfPayment.containsKey(command.paymentId())) {
            throw Rejections.because(Reason.PAYMENT_ALREADY_ROUTED,
                    "payment " + command.paymentId() + " was already routed under another key");
        }
        PaymentRouting.Route route = PaymentRouting.route(directWallet, custodyWallet, custodyAddress);
        PaymentRouted routed = new PaymentRouted(merchantId, command.idempotencyKey(), command.paymentId(),
                command.payer(), command.token(), command.amount(), route.routing(), route.custodyWallet(),
                route.destination(), clock.instant());
        apply(routed);
        return routed.result();
    }

    private static boolean samePayload(PaymentRouted earlier, RoutePayment command) {
        return earlier.paymentId().equals(command.paymentId()) && Objects.equals(earlier.payer(), command.payer())
                && earlier.token().equals(command.token()) && earlier.amount().equals(command.amount());
    }

    /** Problems per field, in the order found; a refusal's reason is the first problem's. */
    private static final class Problems {
        private final Map<String, List<String>> byField = new LinkedHashMap<>();
        private Reason first;

        void add(String field, Reason reason, String message) {
            if (first == null) first = reason;
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        }

        void throwIfAny(String message) {
            if (first != null) throw Rejections.because(first, message, byField);
        }
    }

    @EventSourcingHandler
    void on(MerchantRegistered event) {
        merchantId = event.merchantId();
        organisation = event.organisation();
        name = event.name();
        directWallet = event.directWallet();
        custodyWallet = event.custodyWallet();
        custodyAddress = event.custodyAddress();
    }

    @EventSourcingHandler
    void on(MerchantApiKeyIssued event) {
        activeApiKeys.add(event.keyId());
    }

    @EventSourcingHandler
    void on(MerchantApiKeyRevoked event) {
        activeApiKeys.remove(event.keyId());
        revokedApiKeys.add(event.keyId());
    }

    @EventSourcingHandler
    void on(PaymentRouted event) {
        byKey.put(event.idempotencyKey(), event);
        keyOfPayment.put(event.paymentId(), event.idempotencyKey());
    }
}
