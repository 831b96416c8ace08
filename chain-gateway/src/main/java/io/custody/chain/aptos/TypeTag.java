package io.custody.chain.aptos;

import java.util.List;

/** Move type arguments. Only struct tags are needed for coin transfers; primitives are here for completeness. */
public sealed interface TypeTag {

    void serialize(Bcs bcs);

    enum Primitive implements TypeTag {
        BOOL(0), U8(1), U64(2), U128(3), ADDRESS(4), SIGNER(5), U16(8), U32(9), U256(10);

        private final int tag;

        Primitive(int tag) {
            this.tag = tag;
        }

        @Override
        public void serialize(Bcs bcs) {
            bcs.uleb128(tag);
        }
    }

    record Vector(TypeTag element) implements TypeTag {
        @Override
        public void serialize(Bcs bcs) {
            bcs.uleb128(6);
            element.serialize(bcs);
        }
    }

    record Struct(AptosAddress address, String module, String name, List<TypeTag> typeArgs) implements TypeTag {
        public Struct {
            typeArgs = List.copyOf(typeArgs);
        }

        /** Parses {@code address::module::Name} without generic arguments (all coin types the gateway moves). */
        public static Struct parse(String moveType) {
            String[] parts = moveType.split("::");
            if (parts.length != 3 || moveType.contains("<")) {
                throw new IllegalArgumentException("expected address::module::Name, got " + moveType);
            }
            return new Struct(AptosAddress.parse(parts[0]), parts[1], parts[2], List.of());
        }

        @Override
        public void serialize(Bcs bcs) {
            bcs.uleb128(7);
            bcs.fixed(address.bytes()).string(module).string(name).uleb128(typeArgs.size());
            typeArgs.forEach(t -> t.serialize(bcs));
        }
    }
}
