package io.custody.saga.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.saga.withdrawal.WithdrawalJournal.Version;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The withdrawal journal on a real PostgreSQL with its own migrations: the sender lock that keeps two application
 * instances from building transactions of one sender at once (observed through {@code pg_locks}, not through timing),
 * and the versions of a transaction replaced for fees.
 */
class WithdrawalJournalDatabaseTest {

    private static final String CHAIN = "evm:31337";
    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        for (String migration : List.of("V11__withdrawal_journal.sql", "V14__withdrawal_replacements.sql")) {
            try (InputStream in = WithdrawalJournal.class.getResourceAsStream("/db/migration/" + migration);
                 Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void a_second_instance_waits_for_the_sender_lock_and_another_sender_does_not() throws Exception {
        // two journals over their own connections: what two application instances on one database are
        WithdrawalJournal first = new WithdrawalJournal(new JdbcTemplate(postgres.getPostgresDatabase()));
        WithdrawalJournal second = new WithdrawalJournal(new JdbcTemplate(postgres.getPostgresDatabase()));
        String sender = "0x" + "Ab".repeat(20);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> first.underSenderLock(CHAIN, sender, () -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean entered = new AtomicBoolean();
        // the same sender written in another case is the same lock
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> second.underSenderLock(CHAIN,
                sender.toLowerCase(), () -> {
                    entered.set(true);
                    return null;
                }));
        awaitWaitingForAnAdvisoryLock();
        assertThat(entered).as("the second instance is inside while the first holds the lock").isFalse();

        assertThat(second.underSenderLock(CHAIN, "0x" + "cd".repeat(20), () -> "other sender"))
                .isEqualTo("other sender");
        assertThat(second.underSenderLock("evm:1", sender, () -> "same sender, other chain"))
                .isEqualTo("same sender, other chain");

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        waiter.get(30, TimeUnit.SECONDS);
        assertThat(entered).isTrue();
    }

    @Test
    void work_that_fails_gives_the_lock_back() throws Exception {
        WithdrawalJournal journal = new WithdrawalJournal(jdbc);
        String sender = "0x" + "ef".repeat(20);
        assertThatThrownBy(() -> journal.underSenderLock(CHAIN, sender, () -> {
            throw new IllegalStateException("the build failed");
        })).hasMessage("the build failed");
        CompletableFuture<String> again = CompletableFuture.supplyAsync(() ->
                new WithdrawalJournal(new JdbcTemplate(postgres.getPostgresDatabase()))
                        .underSenderLock(CHAIN, sender, () -> "free"));
        assertThat(again.get(30, TimeUnit.SECONDS)).isEqualTo("free");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", Integer.class))
                .isZero();
    }

    @Test
    void replacement_versions_are_journaled_once_each_and_the_mined_one_is_recorded() {
        WithdrawalJournal journal = new WithdrawalJournal(jdbc);
        String proposal = UUID.randomUUID().toString();
        journal.prepare(proposal, UUID.randomUUID().toString(), CHAIN, "0x" + "12".repeat(20), 3, new byte[] {1});
        journal.signed(proposal, new byte[] {11}, "0x" + "01".repeat(32));
        Instant seen = journal.seen(proposal);
        assertThat(journal.seen(proposal)).as("noted once").isEqualTo(seen);

        Version v2 = journal.prepareReplacement(proposal, 2, new byte[] {2});
        assertThat(v2.isSigned()).isFalse();
        assertThat(journal.prepareReplacement(proposal, 2, new byte[] {9}).unsignedTx())
                .as("a second writer finds the first one's bytes").containsExactly(2);
        journal.signedReplacement(proposal, 2, new byte[] {22}, "0x" + "02".repeat(32));
        assertThat(jdbc.queryForObject("SELECT seen_at FROM withdrawal_transaction WHERE proposal_id = ?::uuid",
                java.sql.Timestamp.class, proposal)).as("the clock starts again for the new version").isNull();
        assertThat(journal.signedReplacement(proposal, 2, new byte[] {33}, "0x" + "03".repeat(32)).signedTx())
                .as("a signed version keeps its bytes").containsExactly(22);

        assertThat(journal.versions(proposal)).extracting(Version::number, Version::txHash).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "0x" + "01".repeat(32)),
                org.assertj.core.groups.Tuple.tuple(2, "0x" + "02".repeat(32)));
        assertThatThrownBy(() -> journal.prepareReplacement(proposal, 1, new byte[] {1}))
                .as("version 1 is the journal's own row").isInstanceOf(RuntimeException.class);

        journal.confirmed(proposal, "0x" + "02".repeat(32));
        assertThat(journal.minedHash(proposal)).isEqualTo("0x" + "02".repeat(32));
        assertThat(journal.find(proposal).orElseThrow().state()).isEqualTo(WithdrawalJournal.State.CONFIRMED);

        String plain = UUID.randomUUID().toString();
        journal.prepare(plain, UUID.randomUUID().toString(), CHAIN, "0x" + "12".repeat(20), 4, new byte[] {4});
        journal.signed(plain, new byte[] {44}, "0x" + "04".repeat(32));
        journal.confirmed(plain, "0x" + "04".repeat(32));
        assertThat(jdbc.queryForObject("SELECT mined_hash FROM withdrawal_transaction WHERE proposal_id = ?::uuid",
                String.class, plain)).as("the first version mined: nothing extra recorded").isNull();
        assertThat(journal.minedHash(plain)).isEqualTo("0x" + "04".repeat(32));
    }

    private static void awaitWaitingForAnAdvisoryLock() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                    Integer.class) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no session waited for the sender lock within 30 s");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
