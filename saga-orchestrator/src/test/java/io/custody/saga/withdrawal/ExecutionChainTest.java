package io.custody.saga.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.evm.EvmAdapter;
import io.custody.chain.evm.EvmAddresses;
import io.custody.chain.evm.EvmChain;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.token.TokenRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Symbols of commands and events resolve through the gateway's token registry of the execution chain, and back. */
class ExecutionChainTest {

    private static final String USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
    private static final String TT18 = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    // never called: the adapter is only asked which chain it serves
    private final FailoverRpc rpc = FailoverRpc.single("http://127.0.0.1:9/");
    private final EvmAdapter adapter = new EvmAdapter(EvmChain.LOCAL, rpc);
    private final ExecutionChain chain = new ExecutionChain(adapter, TokenRegistry.of(
            RegisteredToken.nativeCoin(EvmChain.LOCAL.ref(), "ETH", 18),
            new RegisteredToken(EvmChain.LOCAL.ref(), "USDT", new Asset.Token(EvmAddresses.parse(USDT)), 6),
            new RegisteredToken(EvmChain.LOCAL.ref(), "TT18", new Asset.Token(EvmAddresses.parse(TT18)), 18),
            new RegisteredToken(EvmChain.ETHEREUM.ref(), "DAI",
                    new Asset.Token(EvmAddresses.parse("0x6B175474E89094C44Da98b954EedeAC495271d0F")), 18)));

    @AfterEach
    void close() {
        rpc.close();
    }

    @Test
    void a_symbol_names_one_asset_of_this_chain_with_its_decimals_whatever_its_case() {
        assertThat(chain.asset("ETH")).contains(Asset.nativeCoin());
        assertThat(chain.asset("usdt")).contains(new Asset.Token(EvmAddresses.parse(USDT)));
        assertThat(chain.token("USDT")).map(RegisteredToken::decimals).contains(6);
        assertThat(chain.token("TT18")).map(RegisteredToken::decimals).contains(18);
    }

    @Test
    void a_deposit_asset_is_named_by_its_registered_symbol_whatever_the_address_casing() {
        assertThat(chain.symbol(new Asset.Token(new ChainAddress(USDT.toLowerCase())))).contains("USDT");
        assertThat(chain.symbol(Asset.nativeCoin())).contains("ETH");
        assertThat(chain.symbol(new Asset.Token(EvmAddresses.parse("0x0000000000000000000000000000000000000001"))))
                .isEmpty();
    }

    @Test
    void tokens_registered_on_another_chain_are_neither_executed_nor_watched_here() {
        assertThat(chain.asset("DAI")).isEmpty();
        assertThat(chain.assets()).containsExactlyInAnyOrder(Asset.nativeCoin(),
                new Asset.Token(EvmAddresses.parse(USDT)), new Asset.Token(EvmAddresses.parse(TT18)));
    }
}
