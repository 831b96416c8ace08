package io.custody.chain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ChainRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    static final ChainRef ETHEREUM = new ChainRef(ChainRef.ChainFamily.EVM, "1");
    static final ChainRef BSC = new ChainRef(ChainRef.ChainFamily.EVM, "56");
    static final Asset USDT_ETH = new Asset.Token(new ChainAddress("0x00000000000000000000000000000000000000A1"));
    static final Asset USDT_BSC = new Asset.Token(new ChainAddress("0x00000000000000000000000000000000000000b2"));

    static final RegisteredToken USDT_6 = new RegisteredToken(ETHEREUM, "usdt", USDT_ETH, 6);
    static final RegisteredToken USDT_18 = new RegisteredToken(BSC, "USDT", USDT_BSC, 18);
    static final TokenRegistry REGISTRY = TokenRegistry.of(USDT_6, USDT_18, RegisteredToken.nativeCoin(ETHEREUM, "ETH", 18));

    @Test
    void one_symbol_resolves_per_chain_to_its_own_contract_and_decimals() {
        assertThat(REGISTRY.require(ETHEREUM, "USDT")).isEqualTo(USDT_6);
        assertThat(REGISTRY.require(BSC, "usdt").decimals()).isEqualTo(18);
        assertThat(REGISTRY.bySymbol(BSC, "ETH")).isEmpty();
        assertThat(REGISTRY.assetsOn(ETHEREUM)).containsExactlyInAnyOrder(USDT_ETH, Asset.nativeCoin());
    }

    @Test
    void an_unregistered_symbol_is_refused_with_a_stable_code() {
        assertThatThrownBy(() -> REGISTRY.require(ETHEREUM, "DOGE")).isInstanceOfSatisfying(ChainException.class,
                e -> assertThat(e.code()).isEqualTo(ChainException.Code.UNSUPPORTED));
    }

    @Test
    void a_deposit_asset_is_found_whatever_the_address_casing() {
        Asset lower = new Asset.Token(new ChainAddress("0x00000000000000000000000000000000000000a1"));
        assertThat(REGISTRY.byAsset(ETHEREUM, lower)).contains(USDT_6);
        assertThat(REGISTRY.byAsset(BSC, lower)).isEmpty();
    }

    @Test
    void the_same_amount_is_a_different_number_of_base_units_at_6_and_18_decimals() {
        assertThat(USDT_6.toBaseUnits(new BigDecimal("2.5"))).isEqualTo(Amount.of(2_500_000));
        assertThat(USDT_18.toBaseUnits(new BigDecimal("2.5"))).isEqualTo(Amount.of(new BigInteger("2500000000000000000")));
        assertThat(USDT_6.toUnits(Amount.of(1))).isEqualByComparingTo("0.000001");
    }

    @Test
    void precision_below_one_base_unit_and_negative_amounts_are_refused_not_rounded() {
        assertThatThrownBy(() -> USDT_6.toBaseUnits(new BigDecimal("0.0000001"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> USDT_6.toBaseUnits(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(USDT_18.toBaseUnits(new BigDecimal("0.000000000000000001"))).isEqualTo(Amount.of(1));
    }

    @Test
    void duplicate_symbols_or_assets_on_one_chain_and_malformed_entries_are_refused() {
        assertThatThrownBy(() -> TokenRegistry.of(USDT_6, new RegisteredToken(ETHEREUM, "USDT", Asset.nativeCoin(), 18)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenRegistry.of(USDT_6, new RegisteredToken(ETHEREUM, "USDT2",
                new Asset.Token(new ChainAddress("0x00000000000000000000000000000000000000a1")), 6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegisteredToken(ETHEREUM, "US DT", USDT_ETH, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegisteredToken(ETHEREUM, "USDT", USDT_ETH, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
