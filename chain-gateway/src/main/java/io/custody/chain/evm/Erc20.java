package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

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

    /** An address as a 32-byte log topic. */
    static String topic(ChainAddress a) {
        return "0x" + "0".repeat(24) + a.value().substring(2).toLowerCase();
    }
}
