package io.custody.infra.identity;

import io.custody.api.error.TraceId;
import io.custody.api.identity.Caller;
import io.custody.command.withdrawal.signature.RelyingParty;
import io.custody.infra.identity.passkey.JdbcChallenges;
import io.custody.infra.identity.passkey.PasskeyCeremonies;
import io.custody.infra.identity.passkey.PasskeyDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wiring of sessions, access tokens and their keys, and of the caller's way into every event's metadata. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    SigningKeys signingKeys(@Value("${custody.identity.signing-keys:}") String configured, Environment environment,
                            Clock clock) {
        return SigningKeys.load(configured, identityDir(environment), clock);
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys, Clock clock,
                              @Value("${custody.identity.access-token-lifetime:PT10M}") Duration lifetime,
                              @Value("${custody.identity.service-account.access-token-lifetime:PT5M}")
                              Duration serviceAccountLifetime,
                              @Value("${custody.identity.verified-tokens:10000}") int verifiedTokens) {
        return new AccessTokens(keys, clock, lifetime, serviceAccountLifetime, verifiedTokens);
    }

    /**
     * The check of service accounts' JWT assertions (ADR identity-011). The audience an assertion must name is this
     * server's issuer identifier unless configured: set it to the public URL of the token endpoint in production.
     */
    @Bean
    ServiceAccountAssertions serviceAccountAssertions(JdbcTemplate jdbc, Clock clock,
            @Value("${custody.identity.service-account.assertion-audiences:" + AccessTokens.ISSUER + "}")
            List<String> audiences,
            @Value("${custody.identity.service-account.assertion-max-lifetime:PT5M}") Duration maxLifetime) {
        return new ServiceAccountAssertions(new ServiceAccountKeyDirectory(jdbc, clock), clock,
                java.util.Set.copyOf(audiences.stream().map(String::strip).filter(a -> !a.isEmpty()).toList()),
                maxLifetime);
    }

    /** The merchant API keys bearer authentication checks (ADR identity-030). */
    @Bean
    MerchantApiKeyDirectory merchantApiKeyDirectory(JdbcTemplate jdbc, Clock clock) {
        return new MerchantApiKeyDirectory(jdbc, clock);
    }

    @Bean
    Sessions sessions(JdbcTemplate jdbc, Clock clock,
                      @Value("${custody.identity.session-lifetime:PT12H}") Duration lifetime) {
        return new Sessions(jdbc, clock, lifetime);
    }

    /**
     * The passkey ceremonies for the relying party of {@code custody.identity.passkey.rp-id} and {@code ...origins}
     * (the same bean verifies passkey votes), challenges valid {@code custody.identity.passkey.challenge-lifetime}
     * (5 minutes by default) and kept in PostgreSQL.
     */
    @Bean
    PasskeyCeremonies passkeyCeremonies(RelyingParty relyingParty, JdbcTemplate jdbc, Clock clock,
                                        @Value("${custody.identity.passkey.challenge-lifetime:PT5M}") Duration lifetime) {
        return new PasskeyCeremonies(relyingParty.rpId(), relyingParty.origins(), lifetime, clock,
                new JdbcChallenges(jdbc));
    }

    @Bean
    PasskeyDirectory passkeyDirectory(JdbcTemplate jdbc) {
        return new PasskeyDirectory(jdbc);
    }

    /** Axon's own correlation and trace ids, as before this bean replaced its default. */
    @Bean
    MessageOriginProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Copies the caller (and the request's trace id) from a command's metadata into the metadata of every event it
     * causes, so the audit history says who did what, from where, with which credential and in which session.
     */
    @Bean
    CorrelationDataProvider callerCorrelation() {
        List<String> keys = new ArrayList<>(Caller.METADATA_KEYS);
        keys.add(TraceId.METADATA_KEY);
        return new SimpleCorrelationDataProvider(keys.toArray(String[]::new));
    }

    static Path identityDir(Environment environment) {
        Path dataDir = Path.of(environment.getProperty("CUSTODY_DATA_DIR", "./data"));
        return Path.of(environment.getProperty("custody.identity.data-dir", dataDir.resolve("identity").toString()))
                .toAbsolutePath();
    }
}
