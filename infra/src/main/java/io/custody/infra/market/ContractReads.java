package io.custody.infra.market;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.WalletId;
import io.custody.query.wallet.WalletReadRepository;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.evm.EvmAddresses;
import io.custody.infra.chain.ChainConfiguration.ChainHolder;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import org.web3j.crypto.Hash;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads of the market contracts (escrow, supply-chain finance) at the latest block, for the views that follow the
 * chain: calls are ABI-encoded by selector and 32-byte words, answers decoded word by word (the contracts' structs
 * are all static types, so they come back as consecutive words).
 */
final class ContractReads {

    private final ChainHolder chain;

    ContractReads(ChainHolder chain) {
        this.chain = chain;
    }

    /**
     * Runs a read of {@code contract} off the event loop. No chain or no such contract on this installation is 503
     * ({@code setting} names where to configure it), and so is a node that does not answer.
     */
    <T> Mono<T> onChain(String contract, String setting, Function<ChainAddress, T> reading) {
        if (chain.chain() == null || contract == null) {
            return Mono.error(new RejectedException(ErrorCode.SERVICE_UNAVAILABLE,
                    "No such contract on this installation (" + setting + ")"));
        }
        ChainAddress address = EvmAddresses.parse(contract);
        return Mono.fromCallable(() -> {
            try {
                return reading.apply(address);
            } catch (ChainException e) {
                throw new RejectedException(ErrorCode.SERVICE_UNAVAILABLE, "The chain did not answer: " + e.code());
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The 32-byte words of {@code function}'s answer with {@code arguments} (each already one hex word). */
    String[] call(ChainAddress contract, int words, String function, String... arguments) {
        String answer = chain.chain().adapter().read(contract, selector(function) + String.join("", arguments));
        String hex = answer.substring(2);
        if (hex.length() < words * 64) {
            throw new IllegalStateException(function + " answered " + hex.length() / 2 + " bytes, not " + words * 32);
        }
        String[] out = new String[words];
        for (int i = 0; i < words; i++) {
            out[i] = hex.substring(i * 64, (i + 1) * 64);
        }
        return out;
    }

    BigInteger number(ChainAddress contract, String function, String... arguments) {
        return number(call(contract, 1, function, arguments)[0]);
    }

    /**
     * The lower-case EVM address of a wallet of the caller's organisation; another organisation's wallet, a missing
     * one, and one without an EVM address yet are "not found", alike.
     */
    static Mono<String> evmAddress(WalletReadRepository wallets, WalletId id, Caller caller) {
        return wallets.find(id, caller)
                .filter(wallet -> wallet.address() != null && "EVM".equals(wallet.chainFamily()))
                .map(wallet -> wallet.address().toLowerCase(Locale.ROOT))
                .switchIfEmpty(Mono.error(new RejectedException(ErrorCode.NOT_FOUND,
                        "No custody wallet " + id + " with an EVM address")));
    }

    static String selector(String function) {
        return Hash.sha3String(function).substring(0, 10);
    }

    /** An address as an argument word. */
    static String addressWord(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }

    static String numberWord(BigInteger value) {
        return String.format("%064x", value);
    }

    static String address(String word) {
        return "0x" + word.substring(24);
    }

    static BigInteger number(String word) {
        return new BigInteger(word, 16);
    }

    /** A timestamp word; {@code null} for 0 (not yet). */
    static Instant time(String word) {
        long seconds = number(word).longValueExact();
        return seconds == 0 ? null : Instant.ofEpochSecond(seconds);
    }
}
