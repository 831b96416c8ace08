package io.custody.mpc.node;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSigningTest {

    static final SecureRandom RANDOM = new SecureRandom();
    final Ed25519PrivateKeyParameters caller = new Ed25519PrivateKeyParameters(RANDOM);
    final Instant now = Instant.parse("2026-11-21T06:00:00Z");
    final ClusterRoster roster = new ClusterRoster(Map.of(), Map.of("coordinator", caller.generatePublicKey().getEncoded()));
    final RequestSigning.Verifier verifier = new RequestSigning.Verifier(roster, Clock.fixed(now, ZoneOffset.UTC),
            Duration.ofSeconds(60));
    final byte[] body = {1, 2, 3};

    Map<String, String> signed(String callerId, Ed25519PrivateKeyParameters key, Instant at, String nonce) {
        return new HashMap<>(RequestSigning.sign(callerId, key, "POST", "/v1/sessions", body, at, nonce));
    }

    static void refusedWith(Runnable r, String code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(MpcNode.Refused.class, e -> {
            assertThat(e.code).isEqualTo(code);
            assertThat(e.httpStatus).isEqualTo(401);
        });
    }

    @Test
    void signed_request_from_a_known_caller_is_accepted() {
        assertThat(verifier.verify("POST", "/v1/sessions", signed("coordinator", caller, now, "n1"), body))
                .isEqualTo("coordinator");
    }

    @Test
    void unknown_caller_is_refused() {
        Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(RANDOM);
        refusedWith(() -> verifier.verify("POST", "/v1/sessions", signed("intruder", other, now, "n1"), body),
                "UNKNOWN_CALLER");
    }

    @Test
    void known_caller_name_with_another_key_is_refused() {
        Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(RANDOM);
        refusedWith(() -> verifier.verify("POST", "/v1/sessions", signed("coordinator", other, now, "n1"), body),
                "BAD_SIGNATURE");
    }

    @Test
    void unsigned_request_is_refused() {
        refusedWith(() -> verifier.verify("POST", "/v1/sessions", Map.of(), body), "UNAUTHENTICATED");
    }

    @Test
    void request_with_altered_body_or_path_is_refused() {
        Map<String, String> h = signed("coordinator", caller, now, "n1");
        refusedWith(() -> verifier.verify("POST", "/v1/sessions", h, new byte[] {1, 2, 4}), "BAD_SIGNATURE");
        refusedWith(() -> verifier.verify("POST", "/v1/sessions/x/messages", h, body), "BAD_SIGNATURE");
    }

    @Test
    void stale_request_is_refused() {
        refusedWith(() -> verifier.verify("POST", "/v1/sessions",
                signed("coordinator", caller, now.minusSeconds(120), "n1"), body), "STALE_REQUEST");
    }

    @Test
    void old_nonces_are_forgotten_once_their_timestamps_can_no_longer_be_accepted() {
        MpcNodeTest.MutableClock clock = new MpcNodeTest.MutableClock(now);
        RequestSigning.Verifier v = new RequestSigning.Verifier(roster, clock, Duration.ofSeconds(60));
        v.verify("POST", "/v1/sessions", signed("coordinator", caller, now, "n1"), body);
        assertThat(v.rememberedNonces()).isEqualTo(1);
        clock.now = now.plusSeconds(121);
        v.verify("POST", "/v1/sessions", signed("coordinator", caller, clock.now, "n2"), body);
        assertThat(v.rememberedNonces()).isEqualTo(1);
    }

    @Test
    void replayed_request_is_refused() {
        Map<String, String> h = signed("coordinator", caller, now, "n1");
        verifier.verify("POST", "/v1/sessions", h, body);
        refusedWith(() -> verifier.verify("POST", "/v1/sessions", h, body), "REPLAYED_REQUEST");
    }
}
