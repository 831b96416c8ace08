package io.custody.infra.chain;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.chain.evm.EvmAddresses;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Development only: funds an address on the local chain from Hardhat's first development account, so the README's
 * walkthrough needs no wallet software. Answers 404 unless this application started the local node itself (never on
 * a configured chain).
 */
@RestController
public class DevFundingController {

    /** Funding request: wei of ETH, base units of TUSD and of TT18 (decimal strings; any may be absent). */
    public record FundRequest(String address, String wei, String tusd, String tt18) {
    }

    private final ChainConfiguration.LocalDevChainHolder local;

    public DevFundingController(ChainConfiguration.LocalDevChainHolder local) {
        this.local = local;
    }

    @PostMapping(path = "/dev/fund", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, List<String>>> fund(@RequestBody FundRequest request) {
        if (local.chain() == null) {
            return Mono.error(new RejectedException(new io.custody.api.error.Rejection(Reason.GENERIC_NOT_FOUND,
                    "no local development chain runs in this application", Map.of())));
        }
        String address;
        BigInteger wei;
        BigInteger tusd;
        BigInteger tt18;
        try {
            address = EvmAddresses.parse(request.address()).value();
            wei = amount(request.wei());
            tusd = amount(request.tusd());
            tt18 = amount(request.tt18());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Mono.error(new RejectedException(new io.custody.api.error.Rejection(Reason.INVALID_FIELD,
                    "Invalid funding request", Map.of("request",
                    List.of("address must be an EVM address; wei, tusd and tt18 non-negative decimal integers")))));
        }
        return Mono.fromCallable(() -> Map.of("transactions", local.chain().fund(address, wei, tusd, tt18)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static BigInteger amount(String text) {
        if (text == null) {
            return BigInteger.ZERO;
        }
        if (!text.matches("[0-9]{1,78}")) {
            throw new IllegalArgumentException("not a decimal integer");
        }
        return new BigInteger(text);
    }
}
