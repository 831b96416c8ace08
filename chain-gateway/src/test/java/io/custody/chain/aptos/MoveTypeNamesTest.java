package io.custody.chain.aptos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoveTypeNamesTest {

    static final String ONE = "0x" + "0".repeat(63) + "1";

    @Test
    void short_and_long_spellings_of_a_framework_type_are_the_same_type() {
        assertThat(MoveTypeNames.canonical("0x1::aptos_coin::AptosCoin"))
                .isEqualTo(MoveTypeNames.canonical(ONE + "::aptos_coin::AptosCoin"))
                .isEqualTo(ONE + "::aptos_coin::AptosCoin");
    }

    @Test
    void addresses_inside_type_arguments_and_upper_case_hex_are_normalised_and_spaces_dropped() {
        assertThat(MoveTypeNames.canonical("0xAB::lp::LP<0x1::aptos_coin::AptosCoin, 0xab::x::Y>"))
                .isEqualTo(MoveTypeNames.canonical("0x00ab::lp::LP<" + ONE + "::aptos_coin::AptosCoin,0xAb::x::Y>"));
    }

    @Test
    void different_addresses_stay_different_types() {
        assertThat(MoveTypeNames.canonical("0x1::coin::T")).isNotEqualTo(MoveTypeNames.canonical("0x10::coin::T"));
        assertThat(MoveTypeNames.canonical("0x1::coin::T")).isNotEqualTo(MoveTypeNames.canonical("0x1::coin::U"));
    }
}
