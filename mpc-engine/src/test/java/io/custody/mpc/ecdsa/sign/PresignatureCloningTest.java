package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The review's attack: build a second presignature around the nonce of a first (public constructor plus the secrets
 * from a public {@code consume()}), sign two messages with the "two" presignatures and solve for the key. Through the
 * public API none of its steps can be written any more, and the one step that can (signing twice with one object) is
 * refused before a share leaves.
 */
class PresignatureCloningTest {

    @Test
    void a_presignature_cannot_be_constructed_outside_the_engine() {
        assertThat(Presignature.class.getConstructors()).as("public constructors").isEmpty();
        assertThat(Modifier.isFinal(Presignature.class.getModifiers())).as("no subclass can copy it").isTrue();
    }

    @Test
    void no_public_method_hands_out_a_presignatures_nonce() {
        for (Method m : Presignature.class.getMethods()) {
            assertThat(m.getReturnType()).as(m.getName()).isNotEqualTo(BigInteger[].class).isNotEqualTo(BigInteger.class);
        }
        assertThat(Arrays.stream(Presignature.class.getMethods()).map(Method::getName)).doesNotContain("consume");
    }

    @Test
    void a_presignature_can_be_neither_cloned_nor_serialised() {
        Presignature p = TestPresignatures.placeholder("p-cloning-1");
        assertThat(p).isNotInstanceOf(Cloneable.class).isNotInstanceOf(java.io.Serializable.class);
        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(p))
                .isInstanceOf(NotSerializableException.class);
    }

    @Test
    void a_second_message_signed_with_one_presignature_is_refused_before_any_share_is_computed() {
        List<Presignature> pre = Signing.presign("cloning-presign", SharedKeys.twoOfThree(), List.of(1, 2));
        SignRequest first = new SignRequest("pay 1".getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256, List.of());
        SignRequest second = new SignRequest("pay 2".getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256, List.of());
        assertThat(Signing.sign("cloning-sign-1", pre, first)).hasSize(2);
        assertThatThrownBy(() -> new SignParty("cloning-sign-2", pre.get(0), second, TestIdentities.keys(1)))
                .isInstanceOf(Presignature.PresignatureReusedException.class);
    }

    @Test
    void a_destroyed_presignature_signs_nothing() {
        Presignature p = TestPresignatures.placeholder("p-cloning-2");
        p.destroy();
        assertThat(p.isConsumed()).isTrue();
        SignRequest request = new SignRequest(new byte[] {1}, MessageDigest.KECCAK_256, List.of());
        assertThatThrownBy(() -> new SignParty("cloning-sign-3", p, request, TestIdentities.keys(1)))
                .isInstanceOf(Presignature.PresignatureReusedException.class);
    }
}
