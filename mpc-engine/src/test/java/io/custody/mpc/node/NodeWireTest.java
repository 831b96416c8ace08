package io.custody.mpc.node;

import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeWireTest {

    final SessionRequest request = new SessionRequest("0123456789abcdef", "frost-ed25519-sha512/1", Operation.SIGN,
            new WalletId("w"), new KeyId("k"), 2, Map.of(1, new NodeId("a"), 2, new NodeId("b"), 3, new NodeId("c")),
            List.of(1, 3), new byte[] {7, 8});
    final SealedEnvelope envelope = new SealedEnvelope("0123456789abcdef", "frost-ed25519-sha512/1", 2, 1, 3,
            new NodeId("a"), new NodeId("c"), new byte[12], new byte[] {1, 2, 3}, new byte[64]);

    @Test
    void bodies_survive_their_byte_form() {
        assertThat(NodeWire.request(NodeWire.request(request))).isEqualTo(request);
        assertThat(NodeWire.envelopes(NodeWire.envelopes(List.of(envelope)))).containsExactly(envelope);
        RoundOutput out = new RoundOutput(RoundOutput.Status.ABORTED, List.of(envelope), new byte[] {9}, 2, "check", "why");
        RoundOutput back = NodeWire.output(NodeWire.output(out));
        assertThat(back.status()).isEqualTo(RoundOutput.Status.ABORTED);
        assertThat(back.outgoing()).containsExactly(envelope);
        assertThat(back.result()).containsExactly(9);
        assertThat(back.culprit()).isEqualTo(2);
        assertThat(back.check()).isEqualTo("check");
    }

    @Test
    void trailing_bytes_are_refused() {
        byte[] body = NodeWire.request(request);
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> NodeWire.request(longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void truncated_body_is_refused() {
        byte[] body = NodeWire.envelopes(List.of(envelope));
        assertThatThrownBy(() -> NodeWire.envelopes(Arrays.copyOf(body, body.length - 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknown_version_is_refused() {
        byte[] body = NodeWire.request(request);
        body[0] = 9;
        assertThatThrownBy(() -> NodeWire.request(body)).hasMessageContaining("version");
    }

    @Test
    void absurd_item_count_is_refused_before_allocation() {
        byte[] body = {1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> NodeWire.envelopes(body)).hasMessageContaining("count out of range");
    }

    @Test
    void session_id_that_could_escape_the_url_path_is_refused() {
        assertThatThrownBy(() -> new SessionRequest("../../etc/passwd", "p/1", Operation.SIGN, new WalletId("w"),
                new KeyId("k"), 2, Map.of(1, new NodeId("a")), List.of(1), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
