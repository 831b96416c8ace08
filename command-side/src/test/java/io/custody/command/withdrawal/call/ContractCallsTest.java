package io.custody.command.withdrawal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.withdrawal.ContractCall;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The encoder of contract-call proposals against known encodings (an ERC-20 transfer as every wallet encodes it) and
 * every refusal it makes: a call the approvers cannot read exactly is never encoded.
 */
class ContractCallsTest {

    private static final String PAYEE = "0x" + "ab".repeat(20);

    @Test
    void an_erc20_transfer_encodes_to_its_well_known_selector_and_words() {
        ContractCall call = ContractCalls.encode(ContractCall.request("transfer(address,uint256)",
                List.of(PAYEE, "1000")));

        assertThat(call.data()).isEqualTo("0xa9059cbb"
                + "000000000000000000000000" + "ab".repeat(20)
                + "00000000000000000000000000000000000000000000000000000000000003e8");
        assertThat(call.function()).isEqualTo("transfer(address,uint256)");
        assertThat(call.arguments()).containsExactly(PAYEE, "1000");
    }

    @Test
    void a_dynamic_string_argument_is_encoded_with_its_offset_and_length() {
        ContractCall call = ContractCalls.encode(ContractCall.request("raiseDispute(address,bytes32,string)",
                List.of(PAYEE, "0x" + "01".repeat(32), "not delivered")));

        String hex = call.data().substring(10);
        assertThat(call.data()).startsWith("0x" + org.web3j.crypto.Hash.sha3String(
                "raiseDispute(address,bytes32,string)").substring(2, 10));
        assertThat(hex.substring(128, 192)).isEqualTo(String.format("%064x", 96)); // offset of the string
        assertThat(hex.substring(192, 256)).isEqualTo(String.format("%064x", "not delivered".length()));
    }

    @Test
    void equivalent_requests_give_one_canonical_call() {
        ContractCall shorthand = ContractCalls.encode(ContractCall.request("arbitrate(address,bytes32,uint,uint)",
                List.of("0x" + "AB".repeat(20), "0x" + "0F".repeat(32), "70", "30")));
        ContractCall canonical = ContractCalls.encode(ContractCall.request(
                "arbitrate(address,bytes32,uint256,uint256)", List.of(PAYEE, "0x" + "0f".repeat(32), "70", "30")));

        assertThat(shorthand).isEqualTo(canonical);
    }

    @Test
    void a_checksummed_address_is_accepted_and_a_wrong_checksum_refused() {
        String checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assertThat(ContractCalls.encode(ContractCall.request("f(address)", List.of(checksummed))).arguments())
                .containsExactly(checksummed.toLowerCase());

        String broken = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        assertThatThrownBy(() -> ContractCalls.encode(ContractCall.request("f(address)", List.of(broken))))
                .isInstanceOfSatisfying(CommandRejectedException.class, e ->
                        assertThat(e.rejection().reason()).isEqualTo(Reason.ADDRESS_CHECKSUM_MISMATCH));
    }

    @ParameterizedTest(name = "{0} with [{1}]")
    @CsvSource(delimiter = ';', value = {
            // wrong number of arguments
            "f(uint256);",
            "f();1",
            // integers out of range or not canonical
            "f(uint8);256",
            "f(uint256);-1",
            "f(uint256);007",
            "f(uint256);1e3",
            "f(int8);128",
            "f(int8);-129",
            "f(uint256);115792089237316195423570985008687907853269984665640564039457584007913129639936",
            // addresses, booleans and bytes not of their type
            "f(address);0x1234",
            "f(bool);yes",
            "f(bytes32);0x01",
            "f(bytes4);0x0102030405",
            "f(bytes);0x123",
            // types the encoder does not read
            "f(uint7);1",
            "f(uint264);1",
            "f(bytes33);0x01",
            "f(address[]);0x" + "",
            "f(tuple);1",
            "f(fixed128x18);1",
    })
    void calls_that_do_not_fit_their_types_are_refused(String function, String argument) {
        List<String> arguments = argument == null ? List.of() : List.of(argument);
        assertThatThrownBy(() -> ContractCalls.encode(ContractCall.request(function, arguments)))
                .isInstanceOfSatisfying(CommandRejectedException.class, e ->
                        assertThat(e.rejection().reason()).isEqualTo(Reason.INVALID_CALL));
    }

    @Test
    void signatures_with_names_spaces_or_nesting_are_refused() {
        for (String function : List.of("transfer(address to,uint256)", "f((uint256,address))", "1f()", "f(uint256")) {
            assertThatThrownBy(() -> ContractCalls.canonicalSignature(function)).as(function)
                    .isInstanceOfSatisfying(CommandRejectedException.class, e ->
                            assertThat(e.rejection().reason()).isEqualTo(Reason.INVALID_CALL));
        }
    }

    @Test
    void argument_text_outside_the_closed_character_set_never_reaches_a_call() {
        for (String text : List.of("quote\"inside", "back\\slash", "new\nline", "x".repeat(201))) {
            assertThatThrownBy(() -> ContractCall.request("f(string)", List.of(text))).as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
