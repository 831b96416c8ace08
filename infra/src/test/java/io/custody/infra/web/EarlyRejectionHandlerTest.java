package io.custody.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The rules of {@link EarlyRejectionHandler} that the HTTP tests cannot provoke reliably: URIs and pipelining. */
class EarlyRejectionHandlerTest {

    private static final long LIMIT = 1024;

    @Test
    void targets_spring_can_parse_pass_and_undecodable_ones_are_named() {
        assertThat(EarlyRejectionHandler.uriProblem("/api/v1/wallets/abc?page=0&size=20")).isNull();
        assertThat(EarlyRejectionHandler.uriProblem("/api/v1/wallets/%41%42")).isNull();
        assertThat(EarlyRejectionHandler.uriProblem("http://example.com/api/v1/wallets")).isNull();
        assertThat(EarlyRejectionHandler.uriProblem("/api/v1/wallets/%zz")).contains("Malformed escape pair");
        assertThat(EarlyRejectionHandler.uriProblem("/api/v1/wallets/a b")).isNotNull();
        assertThat(EarlyRejectionHandler.uriProblem("/api/v1/wallets/%")).isNotNull();
    }

    @Test
    void a_refusal_behind_a_pipelined_request_waits_until_that_request_is_answered() {
        EmbeddedChannel channel = new EmbeddedChannel(new EarlyRejectionHandler(JsonMapper.builder().build(), LIMIT));

        channel.writeInbound(request("/api/v1/wallets"));
        channel.writeInbound(request("/api/v1/wallets/%zz"));

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed.uri()).isEqualTo("/api/v1/wallets");
        passed.release();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat((Object) channel.readOutbound()).as("nothing may overtake the first answer").isNull();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        Object interim = channel.readOutbound();
        ReferenceCountUtil.release(interim);
        assertThat((Object) channel.readOutbound()).as("an interim response answers nothing").isNull();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        FullHttpResponse first = channel.readOutbound();
        assertThat(first.status()).isEqualTo(HttpResponseStatus.OK);
        first.release();
        FullHttpResponse refusal = channel.readOutbound();
        assertThat(refusal.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(refusal.content().toString(StandardCharsets.UTF_8)).contains("\"reason\":\"MALFORMED_URI\"");
        refusal.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void a_body_declared_over_the_limit_is_refused_before_it_is_read_and_the_connection_is_closed() {
        EmbeddedChannel channel = new EmbeddedChannel(new EarlyRejectionHandler(JsonMapper.builder().build(), LIMIT));
        FullHttpRequest large = request("/api/v1/wallets");
        large.headers().setInt("Content-Length", 5_000_000);

        channel.writeInbound(large);

        assertThat((Object) channel.readInbound()).as("the request never reaches Spring").isNull();
        FullHttpResponse refusal = channel.readOutbound();
        assertThat(refusal.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(refusal.headers().get("Connection")).isEqualTo("close");
        assertThat(refusal.headers().get("X-Trace-Id")).matches("[0-9a-f]{32}");
        refusal.release();
        // a channel that cannot half-close (this embedded one) is closed at once; sockets linger and drain
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    private static FullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, Unpooled.EMPTY_BUFFER);
    }
}
