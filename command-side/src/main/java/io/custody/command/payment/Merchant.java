package io.custody.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.payment.IdempotencyKey;
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
 * A merchant and the payments routed to it. Idempotency keys live in the merchant's own event stream, so the guarantee
 * of seed Property 3 holds across instances and restarts: two requests with one key at the same time are serialised
 * by the aggregate (a lock in one JVM, the event store's optimistic concurrency across JVMs, after which the loser
 * is retried and finds the first result).
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

    protected Merchant() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Another organisation's merchant is answered as a missing one (the same words, the same code). */
    @CommandHandlerInterceptor
    Object onlyForItsOrganisation(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object caller = command.getMetaData().get(Caller.ORGANISATION);
        if (merchantId != null && !Tenancy.visibleTo(caller == null ? null : caller.toString(), organisation)) {
            throw new AggregateNotFoundException(merchantId.value(), "No such resource"); // as a missing one is answered
        }
        return chain.proceed();
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
    void on(PaymentRouted event) {
        byKey.put(event.idempotencyKey(), event);
        keyOfPayment.put(event.paymentId(), event.idempotencyKey());
    }
}
