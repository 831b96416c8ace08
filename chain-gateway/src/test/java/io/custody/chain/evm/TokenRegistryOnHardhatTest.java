package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.TxStatus;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.token.TokenRegistry;
import io.custody.contracts.generated.TestStablecoin;
import io.custody.contracts.generated.TestToken18;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** A 6-decimals and an 18-decimals token on a real Hardhat node, addressed through the registry only. */
class TokenRegistryOnHardhatTest {

    static HardhatChain chain;
    static TestStablecoin tusd;
    static TestToken18 tt18;
    static TokenRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        chain = new HardhatChain(EvmChain.LOCAL);
        Credentials deployer = Credentials.create(Keys.createEcKeyPair());
        var tm = chain.deployer(deployer);
        tusd = TestStablecoin.deploy(chain.web3j, tm, HardhatChain.gas(), deployer.getAddress()).send();
        tt18 = TestToken18.deploy(chain.web3j, tm, HardhatChain.gas(), deployer.getAddress()).send();
        var local = EvmChain.LOCAL.ref();
        registry = TokenRegistry.of(
                RegisteredToken.nativeCoin(local, "ETH", 18),
                new RegisteredToken(local, "USDT", new Asset.Token(EvmAddresses.parse(tusd.getContractAddress())), 6),
                new RegisteredToken(local, "TT18", new Asset.Token(EvmAddresses.parse(tt18.getContractAddress())), 18));
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void every_registered_entry_matches_what_the_chain_says() {
        registry.tokensOn(EvmChain.LOCAL.ref()).forEach(chain.adapter::verify);
    }

    @Test
    void an_entry_with_the_wrong_decimals_or_no_contract_is_refused() {
        RegisteredToken wrong = new RegisteredToken(EvmChain.LOCAL.ref(), "USDT",
                new Asset.Token(EvmAddresses.parse(tusd.getContractAddress())), 18);
        assertThatThrownBy(() -> chain.adapter.verify(wrong)).isInstanceOfSatisfying(ChainException.class,
                e -> assertThat(e.getMessage()).contains("reports 6 decimals"));
        RegisteredToken nothing = new RegisteredToken(EvmChain.LOCAL.ref(), "GHOST",
                new Asset.Token(HardhatChain.randomAddress()), 6);
        assertThatThrownBy(() -> chain.adapter.verify(nothing)).hasMessageContaining("no contract");
        assertThatThrownBy(() -> chain.adapter.verify(RegisteredToken.nativeCoin(EvmChain.LOCAL.ref(), "ETH", 6)))
                .isInstanceOf(ChainException.class);
    }

    @Test
    void two_and_a_half_of_each_token_moves_exactly_its_base_units_and_is_seen_as_that_token() throws Exception {
        var local = EvmChain.LOCAL.ref();
        RegisteredToken usdt = registry.require(local, "usdt");
        RegisteredToken t18 = registry.require(local, "TT18");
        LocalTestSigner signer = LocalTestSigner.random();
        ChainAddress custody = chain.fund(signer, 1);
        ChainAddress merchant = HardhatChain.randomAddress();
        tusd.mint(custody.value(), usdt.toBaseUnits(new BigDecimal("10")).baseUnits()).send();
        tt18.mint(custody.value(), t18.toBaseUnits(new BigDecimal("10")).baseUnits()).send();
        DepositWatch watch = chain.adapter.watchDeposits(Set.of(merchant), registry.assetsOn(local),
                chain.adapter.headBlock() + 1);

        Amount usdtAmount = usdt.toBaseUnits(new BigDecimal("2.5"));
        Amount t18Amount = t18.toBaseUnits(new BigDecimal("2.5"));
        var a = chain.send(chain.adapter, signer, usdt.transfer(custody, merchant, usdtAmount));
        var b = chain.send(chain.adapter, signer, t18.transfer(custody, merchant, t18Amount));
        chain.control.mine(EvmChain.LOCAL.confirmations());

        assertThat(chain.adapter.status(a).state()).isEqualTo(TxStatus.State.CONFIRMED);
        assertThat(chain.adapter.status(b).state()).isEqualTo(TxStatus.State.CONFIRMED);
        assertThat(chain.adapter.balance(merchant, usdt.asset())).isEqualTo(Amount.of(2_500_000));
        assertThat(chain.adapter.balance(merchant, t18.asset())).isEqualTo(Amount.of(new BigInteger("2500000000000000000")));
        assertThat(chain.adapter.balance(custody, usdt.asset())).isEqualTo(Amount.of(7_500_000));

        List<DepositEvent> events = watch.poll();
        Map<String, Amount> confirmed = events.stream().filter(e -> e instanceof DepositEvent.Confirmed)
                .collect(Collectors.toMap(e -> registry.byAsset(local, e.deposit().asset()).orElseThrow().symbol(),
                        e -> e.deposit().amount()));
        assertThat(confirmed).containsOnly(Map.entry("USDT", usdtAmount), Map.entry("TT18", t18Amount));
    }
}
