package io.custody.infra.market;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.WalletId;
import io.custody.chain.ChainAddress;
import io.custody.infra.chain.ChainConfiguration.ChainHolder;
import io.custody.query.wallet.WalletReadRepository;
import io.custody.query.web.PathIds;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The merchant-payment escrow as custody users see it. Its steps are contract-call proposals of a wallet that allows
 * the escrow contract ({@code PUT …/contracts/{escrow}}, then {@code POST …/contract-calls}): paying into escrow,
 * confirming delivery, raising a dispute, arbitrating when the wallet is the order's arbitrator, the refund after
 * the timeout and the pull of credited payouts, each approved by the wallet's signers and executed as exactly one
 * transaction. What an order is, is the chain's answer: the order view reads the contract at the latest block every
 * time (the chain is the record; no copy of it can fall behind), with the wallet's own part in it.
 */
@RestController
public class EscrowController {

    /**
     * The escrow's functions a custody wallet calls, in the order of the flows. A token payment needs the token's
     * {@code approve(address,uint256)} first, and is proposed in the token's name. Not among them: pulling native
     * payouts ({@code withdraw}), an internal transfer the deposit watch does not see (ADR escrow-002).
     */
    public static final List<String> FUNCTIONS = List.of(
            "createPayment(bytes32,address,address)",
            "createTokenPayment(bytes32,address,address,address,uint256)",
            "markShipped(address,bytes32)",
            "confirmDelivery(address,bytes32)",
            "raiseDispute(address,bytes32,string)",
            "arbitrate(address,bytes32,uint256,uint256)",
            "refundAfterTimeout(address,bytes32)",
            "releaseAfterTimeout(address,bytes32)",
            "resolveExpiredDispute(address,bytes32)");

    static final List<String> STATUSES = List.of("NONE", "PAID", "SHIPPED", "CONFIRMED", "DISPUTED", "REFUNDED",
            "ARBITRATED", "DISPUTE_EXPIRED", "RELEASED");
    private static final Pattern ORDER_ID = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final String NATIVE = "0x" + "0".repeat(40);

    private final ContractReads reads;
    private final MarketContracts contracts;
    private final WalletReadRepository wallets;

    public EscrowController(ChainHolder chain, MarketContracts contracts, WalletReadRepository wallets) {
        this.reads = new ContractReads(chain);
        this.contracts = contracts;
        this.wallets = wallets;
    }

    /** Where the escrow is on this chain, its windows, and the functions a wallet allows to take part in it. */
    public record EscrowInfo(String contract, long refundTimeoutSeconds, long deliveryTimeoutSeconds,
                             long disputeTimeoutSeconds, List<String> functions) {
    }

    /** One order as the chain holds it, and the wallet's part in it. */
    public record EscrowOrderView(String contract, String orderId, String buyer, String seller, String arbitrator,
                                  String token, String amount, String status, Instant createdAt, Instant shippedAt,
                                  Instant disputedAt, List<String> walletRoles, String walletWithdrawable,
                                  Instant observedAt) {
    }

    @GetMapping(path = "/api/v1/escrow", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<EscrowInfo> info() {
        return reads.onChain(contracts.escrow(), MarketContracts.ESCROW_SETTING, contract -> new EscrowInfo(
                contract.value(), reads.number(contract, "refundTimeout()").longValueExact(),
                reads.number(contract, "deliveryTimeout()").longValueExact(),
                reads.number(contract, "disputeTimeout()").longValueExact(), FUNCTIONS));
    }

    /**
     * The order {@code orderId} (bytes32) of {@code buyer}, by default the wallet's own address (the wallet paid); the
     * wallet must be the caller organisation's. {@code walletRoles} says whether the wallet is its buyer, seller or
     * arbitrator, {@code walletWithdrawable} what the escrow has credited the wallet in the order's token.
     */
    @GetMapping(path = "/api/v1/wallets/{walletId}/escrow/orders/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<EscrowOrderView> order(@PathVariable String walletId, @PathVariable String orderId,
                                       @RequestParam(required = false) String buyer, ServerWebExchange exchange) {
        WalletId id = PathIds.walletId(walletId);
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw RejectedException.invalid("Invalid order id", Map.of("orderId",
                    List.of("must be 0x followed by 64 hex digits (the order's bytes32 id)")));
        }
        if (buyer != null && !buyer.matches("0x[0-9a-fA-F]{40}")) {
            throw RejectedException.invalid("Invalid buyer", Map.of("buyer",
                    List.of("must be an EVM address, 0x followed by 40 hex digits")));
        }
        return ContractReads.evmAddress(wallets, id, Caller.of(exchange.getAttributes())).flatMap(own -> {
            String payer = buyer == null ? own : buyer.toLowerCase(Locale.ROOT);
            return reads.onChain(contracts.escrow(), MarketContracts.ESCROW_SETTING,
                    contract -> read(contract, own, payer, orderId.toLowerCase(Locale.ROOT)));
        });
    }

    private EscrowOrderView read(ChainAddress contract, String wallet, String buyer, String orderId) {
        String[] words = reads.call(contract, 9, "getPayment(address,bytes32)", ContractReads.addressWord(buyer),
                orderId.substring(2));
        int status = ContractReads.number(words[8]).intValueExact();
        if (status == 0) {
            throw new RejectedException(ErrorCode.NOT_FOUND, "No escrow order " + orderId + " of buyer " + buyer);
        }
        String payer = ContractReads.address(words[0]);
        String seller = ContractReads.address(words[1]);
        String arbitrator = ContractReads.address(words[2]);
        String token = ContractReads.address(words[3]);
        List<String> roles = new java.util.ArrayList<>();
        if (payer.equals(wallet)) roles.add("BUYER");
        if (seller.equals(wallet)) roles.add("SELLER");
        if (arbitrator.equals(wallet)) roles.add("ARBITRATOR");
        BigInteger withdrawable = reads.number(contract, "withdrawable(address,address)",
                ContractReads.addressWord(token), ContractReads.addressWord(wallet));
        return new EscrowOrderView(contract.value(), orderId, payer, seller, arbitrator,
                token.equals(NATIVE) ? null : token, ContractReads.number(words[4]).toString(),
                status < STATUSES.size() ? STATUSES.get(status) : "UNKNOWN_" + status, ContractReads.time(words[5]),
                ContractReads.time(words[6]), ContractReads.time(words[7]), List.copyOf(roles),
                withdrawable.toString(), Instant.now());
    }
}
