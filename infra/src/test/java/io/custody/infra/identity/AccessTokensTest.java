package io.custody.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.identity.CallerKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens are verified once and then recognised by their exact text: every check a verified token must still
 * pass on later use (its key still accepted, its lifetime) is made again on the remembered token, and a token that
 * differs from a remembered one in any byte is verified afresh and refused if forged.
 */
class AccessTokensTest {

    static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path identityDir;

    final MovableClock clock = new MovableClock();
    SigningKeys keys;
    AccessTokens tokens;
    final String member = UUID.randomUUID().toString();
    final String organisation = UUID.randomUUID().toString();
    final String session = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        keys = SigningKeys.load(null, identityDir, clock);
        tokens = new AccessTokens(keys, clock, Duration.ofMinutes(15));
    }

    @Test
    void aTokenIsAcceptedOnEveryUseWithTheSameClaims() {
        String token = tokens.issue(member, organisation, session, "passkey:abc");

        AccessTokens.Claims first = tokens.verify(token).orElseThrow();
        AccessTokens.Claims again = tokens.verify(token).orElseThrow();

        assertThat(first.member()).isEqualTo(member);
        assertThat(first.organisation()).isEqualTo(organisation);
        assertThat(first.session()).isEqualTo(session);
        assertThat(first.kind()).isEqualTo(CallerKind.MEMBER);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = tokens.issue(member, organisation, session, "passkey:abc");
        assertThat(tokens.verify(token)).isPresent();

        clock.now = START.plus(Duration.ofMinutes(15)).plus(AccessTokens.CLOCK_SKEW).plusSeconds(1);

        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.verify(token)).as("refused again, now verified afresh").isEmpty();
        clock.now = START.plusSeconds(60);
        assertThat(tokens.verify(token)).as("within its lifetime on a clock set back, verified afresh").isPresent();
    }

    @Test
    void aRememberedTokenIsRefusedBeforeItsNotBeforeTime() {
        String token = tokens.issue(member, organisation, session, "passkey:abc");
        assertThat(tokens.verify(token)).isPresent();

        // the clock is set back (a restart on a host whose clock is behind): the same token is not valid yet there
        clock.now = START.minus(AccessTokens.CLOCK_SKEW).minusSeconds(1);

        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsKeyFellOffTheKeySet() {
        String token = tokens.issue(member, organisation, session, "passkey:abc");
        assertThat(tokens.verify(token)).isPresent();

        for (int i = 0; i < SigningKeys.KEPT - 1; i++) {
            keys.rotate();
        }
        assertThat(tokens.verify(token)).as("the signing key is still among the kept ones").isPresent();
        keys.rotate();

        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenDifferingFromARememberedOneInItsSignatureOrClaimsIsRefused() {
        String token = tokens.issue(member, organisation, session, "passkey:abc");
        assertThat(tokens.verify(token)).isPresent();
        String[] parts = token.split("\\.");

        String otherSignature = parts[0] + "." + parts[1] + "." + flipFirst(parts[2]);
        String otherClaims = parts[0] + "." + flipFirst(parts[1]) + "." + parts[2];
        String anotherMembersClaims = parts[0] + "." + tokens.issue(UUID.randomUUID().toString(), organisation, session,
                "passkey:abc").split("\\.")[1] + "." + parts[2];

        assertThat(tokens.verify(otherSignature)).isEmpty();
        assertThat(tokens.verify(otherClaims)).isEmpty();
        assertThat(tokens.verify(anotherMembersClaims)).isEmpty();
        assertThat(tokens.verify(flipFirst(parts[0]) + "." + parts[1] + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token)).as("the genuine token is unaffected").isPresent();
    }

    @Test
    void aTokenSignedByAKeyThisServerDoesNotHoldIsRefused(@TempDir Path otherDir) {
        AccessTokens other = new AccessTokens(SigningKeys.load(null, otherDir, clock), clock, Duration.ofMinutes(15));
        String foreign = other.issue(member, organisation, session, "passkey:abc");

        assertThat(tokens.verify(foreign)).isEmpty();
        assertThat(tokens.verify(foreign)).isEmpty();
    }

    @Test
    void aFullCacheStartsAgainAndEveryTokenStillVerifies() {
        AccessTokens small = new AccessTokens(keys, clock, Duration.ofMinutes(15), Duration.ofMinutes(5), 1);
        String first = small.issue(member, organisation, session, "passkey:abc");
        String second = small.issue(member, organisation, UUID.randomUUID().toString(), "passkey:abc");

        assertThat(small.verify(first)).isPresent();
        assertThat(small.verify(second)).isPresent();
        assertThat(small.verify(first)).isPresent();
        clock.now = START.plus(Duration.ofHours(1));
        assertThat(small.verify(first)).isEmpty();
        assertThat(small.verify(second)).isEmpty();
    }

    private static String flipFirst(String base64url) {
        char c = base64url.charAt(0);
        return (c == 'A' ? 'B' : 'A') + base64url.substring(1);
    }
}
