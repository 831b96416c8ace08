package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** The two ERC-20 calls the gateway makes and the Transfer event it scans for. */
public final class Erc20 {

    /** topic0 of {@code Transfer(address indexed from, address indexed to, uint256 value)}. */
    public static final String TRANSFER_TOPIC = Hash.sha3String("Transfer(address,address,uint256)");

    private Erc20() {
    }

    public static String transferData(ChainAddress to, BigInteger amount) {
        return FunctionEncoder.encode(new Function("transfer", List.of(new Address(to.value()), new Uint256(amount)),
                List.of(new TypeReference<org.web3j.abi.datatypes.Bool>() { })));
    }

    public static String balanceOfData(ChainAddress owner) {
        return FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(owner.value())),
                List.of(new TypeReference<Uint256>() { })));
    }

    public static String decimalsData() {
        return FunctionEncoder.encode(new Function("decimals", List.of(),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint8>() { })));
    }

    /** The selector of {@code transfer(address,uint256)}. */
    static final String TRANSFER_SELECTOR = "0xa9059cbb";

    /** A decoded {@code transfer(to, amount)} call. */
    record TransferCall(String to, BigInteger amount) {
    }

    /** The call in a transaction's input, if it is exactly an ERC-20 {@code transfer}. */
    static Optional<TransferCall> decodeTransfer(String input) {
        if (input == null || input.length() != 2 + 8 + 64 + 64
                || !input.toLowerCase(java.util.Locale.ROOT).startsWith(TRANSFER_SELECTOR)) {
            return Optional.empty();
        }
        String toWord = input.substring(10, 74);
        if (!toWord.startsWith("0".repeat(24))) {
            return Optional.empty();
        }
        return Optional.of(new TransferCall("0x" + toWord.substring(24), new BigInteger(input.substring(74), 16)));
    }

    /** True when the log is {@code token}'s {@code Transfer(from, to, amount)}. */
    static boolean isTransferLog(Log log, String token, String from, String to, BigInteger amount) {
        List<String> t = log.getTopics();
        return log.getAddress() != null && log.getAddress().equalsIgnoreCase(token)
                && t != null && t.size() == 3 && TRANSFER_TOPIC.equalsIgnoreCase(t.get(0))
                && t.get(1).equalsIgnoreCase(topic(from)) && t.get(2).equalsIgnoreCase(topic(to))
                && log.getData() != null && Numeric.toBigInt(log.getData()).equals(amount);
    }

    static String topic(String address) {
        return "0x" + "0".repeat(24) + address.substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** An address as a 32-byte log topic. */
    static String topic(ChainAddress a) {
        return "0x" + "0".repeat(24) + a.value().substring(2).toLowerCase();
    }
}
