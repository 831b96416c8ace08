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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Supply-chain finance as custody users see it. A wallet takes part through contract-call proposals of the financing
 * contract (and of the stablecoin, to approve what the contract may pull): as a buyer it acknowledges a debt and
 * repays it, scheduled on the due date ({@code notBefore}) and approved in advance; as a supplier it tokenizes an
 * invoice and applies for financing; as a financier it funds. A receivable is read from the contract at the latest
 * block every time, with the wallet's part in it.
 */
@RestController
public class FinancingController {

    /** The financing contract's functions a custody wallet calls, by role. */
    public static final List<String> FUNCTIONS = List.of(
            "tokenizeReceivable(bytes32,uint256,uint256,address)",
            "applyForFinancing(uint256,uint256)",
            "cancelFinancing(uint256)",
            "acknowledgeDebt(uint256)",
            "fund(uint256,uint256)",
            "repay(uint256)",
            "markDefaulted(uint256)");

    static final List<String> STATUSES = List.of("NONE", "ISSUED", "ACKNOWLEDGED", "FINANCING_REQUESTED", "FUNDED",
            "REPAID", "DEFAULTED");

    private final ContractReads reads;
    private final MarketContracts contracts;
    private final WalletReadRepository wallets;

    public FinancingController(ChainHolder chain, MarketContracts contracts, WalletReadRepository wallets) {
        this.reads = new ContractReads(chain);
        this.contracts = contracts;
        this.wallets = wallets;
    }

    /** Where the contract is, the stablecoin it pays in, its terms, and the functions a wallet allows by role. */
    public record FinancingInfo(String contract, String stablecoin, long gracePeriodSeconds, long lateFeeBps,
                                List<String> functions) {
    }

    /** One receivable as the chain holds it, what is due on it now, and the wallet's part in it. */
    public record ReceivableView(String contract, String tokenId, String invoiceHash, String amount, Instant dueDate,
                                 String supplier, String buyer, String holder, String financingAmount,
                                 String financier, String repaidAmount, String repaymentDue, String status,
                                 List<String> walletRoles, String walletWithdrawable, Instant observedAt) {
    }

    @GetMapping(path = "/api/v1/financing", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<FinancingInfo> info() {
        return reads.onChain(contracts.financing(), MarketContracts.FINANCING_SETTING, contract -> new FinancingInfo(
                contract.value(), ContractReads.address(reads.call(contract, 1, "stablecoin()")[0]),
                reads.number(contract, "gracePeriod()").longValueExact(),
                reads.number(contract, "lateFeeBps()").longValueExact(), FUNCTIONS));
    }

    @GetMapping(path = "/api/v1/wallets/{walletId}/receivables/{tokenId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ReceivableView> receivable(@PathVariable String walletId, @PathVariable String tokenId,
                                           ServerWebExchange exchange) {
        WalletId id = PathIds.walletId(walletId);
        if (!tokenId.matches("[1-9][0-9]{0,76}")) {
            throw RejectedException.invalid("Invalid receivable", Map.of("tokenId",
                    List.of("must be the receivable's token id, a positive decimal integer")));
        }
        BigInteger token = new BigInteger(tokenId);
        return ContractReads.evmAddress(wallets, id, Caller.of(exchange.getAttributes())).flatMap(own ->
                reads.onChain(contracts.financing(), MarketContracts.FINANCING_SETTING,
                        contract -> read(contract, own, token)));
    }

    private ReceivableView read(ChainAddress contract, String wallet, BigInteger tokenId) {
        String id = ContractReads.numberWord(tokenId);
        String[] words = reads.call(contract, 9, "getReceivable(uint256)", id);
        int status = ContractReads.number(words[8]).intValueExact();
        if (status == 0) {
            throw new RejectedException(ErrorCode.NOT_FOUND, "No receivable " + tokenId);
        }
        String supplier = ContractReads.address(words[3]);
        String buyer = ContractReads.address(words[4]);
        String financier = ContractReads.address(words[6]);
        String holder = ContractReads.address(reads.call(contract, 1, "ownerOf(uint256)", id)[0]);
        boolean repaid = status == 5;
        String due = repaid ? "0" : reads.number(contract, "repaymentDue(uint256)", id).toString();
        List<String> roles = new ArrayList<>();
        if (supplier.equals(wallet)) roles.add("SUPPLIER");
        if (buyer.equals(wallet)) roles.add("BUYER");
        if (financier.equals(wallet)) roles.add("FINANCIER");
        if (holder.equals(wallet)) roles.add("HOLDER");
        BigInteger withdrawable = reads.number(contract, "withdrawable(address)", ContractReads.addressWord(wallet));
        return new ReceivableView(contract.value(), tokenId.toString(), "0x" + words[0],
                ContractReads.number(words[1]).toString(), ContractReads.time(words[2]), supplier, buyer, holder,
                ContractReads.number(words[5]).toString(), financier.equals("0x" + "0".repeat(40)) ? null : financier,
                ContractReads.number(words[7]).toString(), due,
                status < STATUSES.size() ? STATUSES.get(status) : "UNKNOWN_" + status, List.copyOf(roles),
                withdrawable.toString(), Instant.now());
    }
}
