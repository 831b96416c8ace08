package io.custody.chain.aptos;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.ChainException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class AptosSignatureProperties {

    @Property(tries = 100)
    void flipping_any_bit_of_an_ed25519_transaction_signature_is_never_accepted(@ForAll @IntRange(min = 0, max = 511) int bit) {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        byte[] message = AptosSdkVectorsTest.corpusTransaction().signingMessage();
        byte[] sig = signer.sign(message).bytes();
        sig[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> new TransactionAuthenticator.Ed25519(signer.publicKey(), sig).verify(message))
                .isInstanceOf(ChainException.class);
    }

    @Property(tries = 100)
    void flipping_any_bit_of_the_signing_message_invalidates_the_signature(@ForAll @IntRange(min = 0, max = 1999) int bit) {
        LocalEd25519Signer signer = LocalEd25519Signer.random();
        byte[] message = AptosSdkVectorsTest.corpusTransaction().signingMessage();
        byte[] sig = signer.sign(message).bytes();
        int b = bit % (message.length * 8);
        message[b / 8] ^= (byte) (1 << (b % 8));
        assertThatThrownBy(() -> new TransactionAuthenticator.Ed25519(signer.publicKey(), sig).verify(message))
                .isInstanceOf(ChainException.class);
    }
}
