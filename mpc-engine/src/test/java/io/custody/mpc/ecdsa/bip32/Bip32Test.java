package io.custody.mpc.ecdsa.bip32;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BIP32's published test vectors, restricted to the public (CKDpub) steps. */
class Bip32Test {

    private static void assertPublicChild(String parent, long index, String expectedChild) {
        Bip32.Derived p = ExtendedPublicKey.parse(parent);
        assertThat(ExtendedPublicKey.serialize(Bip32.child(p, index))).isEqualTo(expectedChild);
    }

    @Test
    void vector_1_m_0h_to_m_0h_1() {
        assertPublicChild(
                "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
                1,
                "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ");
    }

    @Test
    void vector_1_m_0h_1_2h_to_m_0h_1_2h_2() {
        assertPublicChild(
                "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5",
                2,
                "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV");
    }

    @Test
    void vector_2_m_to_m_0() {
        assertPublicChild(
                "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB",
                0,
                "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH");
    }

    @Test
    void the_tweak_is_the_difference_of_the_derived_and_root_keys() {
        Bip32.Derived root = ExtendedPublicKey.parse(
                "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB");
        Bip32.Derived child = Bip32.derive(root, List.of(0, 5, 9));
        assertThat(root.publicKey().add(Secp256k1.mulG(child.tweak())).normalize()).isEqualTo(child.publicKey());
    }

    @Test
    void refuses_hardened_indices_and_bad_checksums() {
        Bip32.Derived root = ExtendedPublicKey.parse(
                "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB");
        assertThatThrownBy(() -> Bip32.child(root, Bip32.HARDENED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtendedPublicKey.parse(
                "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduC"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
