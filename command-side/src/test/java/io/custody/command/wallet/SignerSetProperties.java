package io.custody.command.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Seed Property 1: any signer set with fewer than two signers, a threshold below two, a threshold above the number
 * of signers, or a repeated signer is rejected with the field named; any other is accepted.
 */
class SignerSetProperties {

    @Property(tries = 200)
    void any_valid_signer_set_is_accepted(@ForAll("distinctSigners") List<SignerAddress> signers,
                                          @ForAll @IntRange(min = 2, max = 20) int threshold) {
        int k = Math.min(threshold, signers.size());
        assertThat(SignerSetPolicy.violations(signers, k, signers.get(0).family())).isEmpty();
    }

    @Property(tries = 200)
    void a_threshold_below_two_is_rejected(@ForAll("distinctSigners") List<SignerAddress> signers,
                                           @ForAll @IntRange(min = -5, max = 1) int threshold) {
        assertThat(SignerSetPolicy.violations(signers, threshold, signers.get(0).family())).containsKey("threshold");
    }

    @Property(tries = 200)
    void a_threshold_above_the_signer_count_is_rejected(@ForAll("distinctSigners") List<SignerAddress> signers,
                                                        @ForAll @IntRange(min = 1, max = 10) int excess) {
        assertThat(SignerSetPolicy.violations(signers, signers.size() + excess, signers.get(0).family()))
                .containsKey("threshold");
    }

    @Property(tries = 200)
    void fewer_than_two_signers_are_rejected(@ForAll("distinctSigners") List<SignerAddress> signers,
                                             @ForAll @IntRange(min = 0, max = 1) int keep,
                                             @ForAll @IntRange(min = 2, max = 20) int threshold) {
        List<SignerAddress> few = signers.subList(0, keep);
        assertThat(SignerSetPolicy.violations(few, threshold, signers.get(0).family())).containsKey("signers");
    }

    @Property(tries = 200)
    void a_repeated_signer_is_rejected_whatever_its_letter_case(@ForAll("distinctSigners") List<SignerAddress> signers,
                                                                @ForAll @IntRange(min = 0, max = 19) int which) {
        SignerAddress original = signers.get(which % signers.size());
        SignerAddress again = new SignerAddress(original.family(), original.value().toLowerCase());
        List<SignerAddress> withDuplicate = new ArrayList<>(signers);
        withDuplicate.add(again);
        int duplicateIndex = withDuplicate.size() - 1;
        assertThat(SignerSetPolicy.violations(withDuplicate, 2, original.family()))
                .containsKey("signers[" + duplicateIndex + "]");
    }

    @Property(tries = 100)
    void a_signer_of_another_chain_family_is_rejected(@ForAll("distinctSigners") List<SignerAddress> signers) {
        ChainFamily other = signers.get(0).family() == ChainFamily.EVM ? ChainFamily.APTOS : ChainFamily.EVM;
        assertThat(SignerSetPolicy.violations(signers, 2, other)).containsKey("signers[0]");
    }

    @Provide
    Arbitrary<List<SignerAddress>> distinctSigners() {
        Arbitrary<ChainFamily> family = Arbitraries.of(ChainFamily.class);
        return family.flatMap(f -> Arbitraries.bytes().array(byte[].class).ofSize(f == ChainFamily.EVM ? 20 : 32)
                .map(bytes -> address(f, bytes))
                .list().ofMinSize(2).ofMaxSize(SignerSetPolicy.MAX_SIGNERS)
                .uniqueElements(SignerAddress::canonical));
    }

    /** Random addresses; EVM ones spelled with their EIP-55 checksum half of the time, lower case otherwise. */
    private static SignerAddress address(ChainFamily family, byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes);
        if (family == ChainFamily.EVM && (bytes[0] & 1) == 1) {
            hex = SignerAddressChecksum.eip55(hex);
        }
        return new SignerAddress(family, "0x" + hex);
    }
}
