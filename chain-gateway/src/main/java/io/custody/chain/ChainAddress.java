package io.custody.chain;

/** An address in the chain's own canonical text form (EIP-55 checksummed hex for EVM, 0x + 64 hex for Aptos). */
public record ChainAddress(String value) {
    public ChainAddress {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
