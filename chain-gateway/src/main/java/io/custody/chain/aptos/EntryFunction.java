package io.custody.chain.aptos;

import java.util.List;

/**
 * A call of a public entry function: {@code module_address::module_name::function<type_args>(args)}, where each
 * argument is already BCS-encoded (the chain decodes it against the function's signature).
 */
public record EntryFunction(AptosAddress moduleAddress, String moduleName, String function, List<TypeTag> typeArgs,
                            List<byte[]> args) {

    private static final AptosAddress FRAMEWORK = AptosAddress.parse("0x1");

    public EntryFunction {
        typeArgs = List.copyOf(typeArgs);
        args = args.stream().map(byte[]::clone).toList();
    }

    /** {@code 0x1::aptos_account::transfer(to, amount)}: moves APT and creates the recipient account if needed. */
    public static EntryFunction aptTransfer(AptosAddress to, long octas) {
        return new EntryFunction(FRAMEWORK, "aptos_account", "transfer", List.of(),
                List.of(to.bytes(), new Bcs().u64(octas).toByteArray()));
    }

    /** {@code 0x1::coin::transfer<CoinType>(to, amount)}. */
    public static EntryFunction coinTransfer(TypeTag.Struct coinType, AptosAddress to, long amount) {
        return new EntryFunction(FRAMEWORK, "coin", "transfer", List.of(coinType),
                List.of(to.bytes(), new Bcs().u64(amount).toByteArray()));
    }

    /** As a TransactionPayload: enum variant 2 (EntryFunction). */
    public void serializeAsPayload(Bcs bcs) {
        bcs.uleb128(2);
        bcs.fixed(moduleAddress.bytes()).string(moduleName).string(function);
        bcs.uleb128(typeArgs.size());
        typeArgs.forEach(t -> t.serialize(bcs));
        bcs.uleb128(args.size());
        args.forEach(bcs::bytes);
    }
}
