package io.custody.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.audit.note.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The checkpoint key comes from configuration, else from a development key generated once and kept. */
class AuditSigningKeysTest {

    private static final String ORIGIN = "custody.test/audit";

    @TempDir
    Path dir;

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void a_configured_key_signs_under_the_origin() {
        NoteSigner expected = NoteSigner.generate(ORIGIN, new SecureRandom());
        String seed = Base64.getEncoder().encodeToString(expected.privateKeySeed());
        NoteSigner signer = AuditSigningKeys.signer(environment(Map.of("custody.audit.signing-key", seed)), ORIGIN);
        assertThat(signer.key().verifierKey()).isEqualTo(expected.key().verifierKey());
    }

    @Test
    void without_configuration_a_development_key_is_generated_once_owner_only_and_reused() throws Exception {
        Map<String, Object> properties = Map.of("custody.embedded-postgres.data-dir", dir.resolve("postgres").toString());
        NoteSigner first = AuditSigningKeys.signer(environment(properties), ORIGIN);
        NoteSigner second = AuditSigningKeys.signer(environment(properties), ORIGIN);
        assertThat(second.key().verifierKey()).isEqualTo(first.key().verifierKey());
        Path file = dir.resolve("audit/dev-signing.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_malformed_key_is_refused_without_repeating_it() {
        String notBase64 = "secret-material-that-is-not-base64!";
        assertThatThrownBy(() -> AuditSigningKeys.signer(environment(Map.of("custody.audit.signing-key", notBase64)),
                ORIGIN)).isInstanceOf(IllegalStateException.class).hasMessageNotContaining(notBase64);
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> AuditSigningKeys.signer(environment(Map.of("custody.audit.signing-key", tooShort)),
                ORIGIN)).isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(tooShort);
    }
}
