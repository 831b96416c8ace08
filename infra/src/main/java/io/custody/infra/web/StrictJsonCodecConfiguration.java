package io.custody.infra.web;

import io.custody.infra.json.StrictJsonInput;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are decoded with {@link StrictJsonInput}'s rules; responses are still written by Spring Boot's
 * shared mapper. Runs after Spring Boot's own codec customizer, which registers the shared mapper for both directions.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonCodecConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictJsonDecoder(JsonMapper mapper) {
        JsonMapper strict = StrictJsonInput.strict(mapper);
        return configurer -> configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
    }
}
