package io.custody.mpc.node;

import io.custody.mpc.ecdsa.zk.SecurityLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node's ECDSA security level is a named setting that sizes its safe-prime pool. */
class EcdsaNodeSettingsTest {

    @Test
    void a_node_without_a_level_setting_makes_128_bit_keys_from_1536_bit_primes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("node.properties"), "ecdsa.prime-pool.target=0\n");
        EcdsaNodeSettings s = EcdsaNodeSettings.fromProperties(file);
        assertThat(s.securityLevel()).isEqualTo(SecurityLevel.DEFAULT).isEqualTo(SecurityLevel.BITS_128);
        assertThat(s.primeBits()).isEqualTo(1536);
        assertThat(EcdsaProtocolFactory.poolFile(s.primeBits())).isEqualTo("ecdsa-safe-primes-1536.pool");
    }

    @Test
    void a_node_configured_for_112_bits_uses_1024_bit_primes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("node.properties"), "ecdsa.security-level=112\n");
        EcdsaNodeSettings s = EcdsaNodeSettings.fromProperties(file);
        assertThat(s.securityLevel()).isEqualTo(SecurityLevel.BITS_112);
        assertThat(s.primeBits()).isEqualTo(1024);
    }

    @Test
    void a_level_that_is_not_112_or_128_is_refused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("node.properties"), "ecdsa.security-level=80\n");
        assertThatThrownBy(() -> EcdsaNodeSettings.fromProperties(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("112 or 128");
    }
}
