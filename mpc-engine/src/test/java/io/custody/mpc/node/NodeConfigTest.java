package io.custody.mpc.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConfigTest {

    @TempDir
    Path dir;

    private NodeConfig load(String extra) throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "node.id=node-1\ndata.dir=" + dir + "\nroster.file=" + dir.resolve("roster") + "\n" + extra);
        return NodeConfig.load(file);
    }

    @Test
    void defaults_bind_to_loopback_on_a_free_port() throws Exception {
        NodeConfig c = load("kek.env=K\n");
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.bindPort()).isZero();
        assertThat(c.sessionTtl()).hasSeconds(60);
    }

    @Test
    void key_encryption_key_from_the_named_environment_variable() throws Exception {
        NodeConfig c = load("kek.env=NODE_KEK\n");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(c.keyEncryptionKey(Map.of("NODE_KEK", key)).toString()).isEqualTo("KeyEncryptionKey[redacted]");
    }

    @Test
    void node_without_any_key_encryption_key_refuses_to_start() throws Exception {
        NodeConfig c = load("");
        assertThatThrownBy(() -> c.keyEncryptionKey(Map.of())).hasMessageContaining("kek.pkcs11.config, kek.file or kek.env");
    }

    @Test
    void pkcs11_without_its_pin_variable_refuses_to_start() throws Exception {
        NodeConfig c = load("kek.pkcs11.config=" + dir.resolve("pkcs11.cfg") + "\nkek.pkcs11.pin.env=HSM_PIN\n");
        assertThatThrownBy(() -> c.keyEncryptionKey(Map.of())).hasMessageContaining("HSM_PIN");
    }

    @Test
    void missing_node_id_is_reported() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "data.dir=/tmp\nroster.file=/tmp/r\n");
        assertThatThrownBy(() -> NodeConfig.load(file)).hasMessageContaining("node.id");
    }
}
