package io.custody.command.wallet;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;

/** Signer addresses for tests: the EIP-55 examples from the EIP itself, correctly checksummed. */
final class TestSigners {

    static final SignerAddress ALICE = new SignerAddress(ChainFamily.EVM, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    static final SignerAddress BOB = new SignerAddress(ChainFamily.EVM, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
    static final SignerAddress CAROL = new SignerAddress(ChainFamily.EVM, "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB");
    static final SignerAddress DAVE = new SignerAddress(ChainFamily.EVM, "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");

    private TestSigners() {
    }
}
