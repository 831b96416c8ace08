package io.custody.infra.security.ratelimit;

import io.custody.infra.web.ApiErrorHandler;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits from configuration ({@code custody.rate-limit.*}, ADR identity-010). The defaults suit a person
 * or a modest integration; an installation driven hard by automation (or the benchmarks) raises the command limits.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(
            @Value("${custody.rate-limit.enabled:true}") boolean enabled,
            @Value("${custody.rate-limit.session.per-ip.capacity:30}") long sessionPerAddressCapacity,
            @Value("${custody.rate-limit.session.per-ip.per-second:0.5}") double sessionPerAddressRate,
            @Value("${custody.rate-limit.session.per-caller.capacity:20}") long sessionPerCallerCapacity,
            @Value("${custody.rate-limit.session.per-caller.per-second:0.2}") double sessionPerCallerRate,
            @Value("${custody.rate-limit.commands.per-ip.capacity:600}") long commandsPerAddressCapacity,
            @Value("${custody.rate-limit.commands.per-ip.per-second:200}") double commandsPerAddressRate,
            @Value("${custody.rate-limit.commands.per-caller.capacity:200}") long commandsPerCallerCapacity,
            @Value("${custody.rate-limit.commands.per-caller.per-second:50}") double commandsPerCallerRate,
            @Value("${custody.rate-limit.session.paths:/api/v1/sessions/**,/api/v1/enrolment/**,"
                    + "/api/v1/oauth/**,/api/v1/passkeys/**,/api/v1/webauthn/**}") List<String> sessionPaths,
            ApiErrorHandler errors) {
        return new RateLimits(new RateLimits.Settings(enabled,
                new RateLimit(sessionPerAddressCapacity, sessionPerAddressRate),
                new RateLimit(sessionPerCallerCapacity, sessionPerCallerRate),
                new RateLimit(commandsPerAddressCapacity, commandsPerAddressRate),
                new RateLimit(commandsPerCallerCapacity, commandsPerCallerRate),
                sessionPaths), System::nanoTime, errors);
    }
}
