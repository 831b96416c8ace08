package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyShareCodecTest {

    @Test
    void a_key_share_survives_encoding_and_decoding() {
        KeyShare s = SharedKeys.twoOfThree().get(1);
        KeyShare back = KeyShareCodec.decode(KeyShareCodec.encode(s));
        assertThat(back.partyIndex()).isEqualTo(s.partyIndex());
        assertThat(back.threshold()).isEqualTo(s.threshold());
        assertThat(back.secretShare()).isEqualTo(s.secretShare());
        assertThat(back.publicKey()).isEqualTo(s.publicKey());
        assertThat(back.publicShares()).isEqualTo(s.publicShares());
        assertThat(back.chainCode()).isEqualTo(s.chainCode());
        assertThat(back.paillierKeys()).isEqualTo(s.paillierKeys());
        assertThat(back.ringPedersenParams()).isEqualTo(s.ringPedersenParams());
    }

    @Test
    void rejects_an_unknown_version_and_a_secret_that_does_not_match_its_public_share() {
        byte[] bytes = KeyShareCodec.encode(SharedKeys.twoOfThree().get(0));
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> KeyShareCodec.decode(otherVersion)).isInstanceOf(MalformedMessageException.class);
        byte[] tampered = bytes.clone();
        // the secret share follows version(1) + type(4 + 15) + party, t, generation (3 x 4) + its length (4)
        tampered[1 + 4 + 15 + 12 + 4 + 5] ^= 1;
        assertThatThrownBy(() -> KeyShareCodec.decode(tampered)).isInstanceOf(MalformedMessageException.class);
    }
}
