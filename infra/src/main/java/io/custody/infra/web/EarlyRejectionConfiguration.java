package io.custody.infra.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts an {@link EarlyRejectionHandler} on every HTTP/1.1 connection, right after the HTTP codec. The body limit is
 * the decoders' ({@code spring.http.codecs.max-in-memory-size}): a body the decoder would refuse after reading it is
 * refused by its declared length before.
 */
@Configuration(proxyBeanMethods = false)
public class EarlyRejectionConfiguration {

    @Bean
    NettyServerCustomizer earlyRejections(JsonMapper json,
                                          @Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBody) {
        long maxBodyBytes = maxBody.toBytes();
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, EarlyRejectionHandler.NAME,
                        new EarlyRejectionHandler(json, maxBodyBytes));
            }
        });
    }
}
