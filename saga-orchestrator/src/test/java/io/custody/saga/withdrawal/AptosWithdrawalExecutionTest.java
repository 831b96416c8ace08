package io.custody.saga.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.api.withdrawal.CompleteWithdrawal;
import io.custody.api.withdrawal.FailWithdrawal;
import io.custody.chain.SignerPublicKey;
import io.custody.chain.aptos.AptosAdapter;
import io.custody.chain.aptos.AptosChain;
import io.custody.chain.aptos.AptosNodeStub;
import io.custody.chain.aptos.AptosRestClient;
import io.custody.chain.aptos.AuthenticationKeys;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.token.TokenRegistry;
import io.custody.mpc.client.DerivationPath;
import io.custody.mpc.client.DerivedPublicKey;
import io.custody.mpc.client.GenerateKeyRequest;
import io.custody.mpc.client.IdempotencyKey;
import io.custody.mpc.client.KeyDescriptor;
import io.custody.mpc.client.KeyRef;
import io.custody.mpc.client.MessageHash;
import io.custody.mpc.client.MpcClient;
import io.custody.mpc.client.PresignatureHandle;
import io.custody.mpc.client.SignMessageRequest;
import io.custody.mpc.client.SignatureResult;
import io.custody.mpc.client.SignatureScheme;
import io.custody.saga.withdrawal.WithdrawalJournal.State;
import io.custody.saga.withdrawal.WithdrawalJournal.Version;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Aptos branch of the withdrawal executor on a real PostgreSQL journal and the gateway's Aptos adapter against
 * the documented-API REST stub (no Aptos node runs here). The MPC cluster is replaced by a single local Ed25519 key
 * behind the {@link MpcClient} interface, keeping its idempotency contract: this test is about what the executor
 * journals and sends; the real FROST cluster signs in the infra end-to-end test.
 */
class AptosWithdrawalExecutionTest {

    private static final AptosChain TESTNET = new AptosChain("aptos-testnet", 2, 2000, Duration.ofSeconds(600));
    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    private AptosNodeStub stub;
    private LocalCluster mpc;
    private final List<Object> commands = new CopyOnWriteArrayList<>();
    private WithdrawalJournal journal;
    private String wallet;
    private String sender;
    private AptosAdapter adapter;

    @BeforeAll
    static void database() throws Exception {
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
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void node() throws Exception {
        stub = new AptosNodeStub();
        mpc = new LocalCluster();
        journal = new WithdrawalJournal(jdbc);
        wallet = UUID.randomUUID().toString();
        sender = AuthenticationKeys.ed25519(mpc.publicKey).toString();
        stub.sequenceNumbers.put(sender, 4L);
        stub.aptBalances.put(sender, BigInteger.valueOf(1_000_000_000L));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** A fresh executor and adapter, as after a restart: nothing in memory, only the journal and the node. */
    private WithdrawalExecutor executor(Duration confirmationWait) {
        AptosRestClient rest = new AptosRestClient(stub.baseUri());
        adapter = new AptosAdapter(TESTNET, rest, Clock.systemUTC());
        TokenRegistry tokens = new TokenRegistry(List.of(RegisteredToken.nativeCoin(TESTNET.ref(), "APT", 8)));
        CommandGateway gateway = (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendAndWait")) {
                        commands.add(args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new WithdrawalExecutor(null, mpc, journal, gateway, Executors.newSingleThreadExecutor(),
                new Backoff(Duration.ZERO, Duration.ZERO, 3), confirmationWait,
                new FeeReplacement(Duration.ofMinutes(5), 3))
                .withAptos(new AptosExecutionChain(TESTNET, adapter, rest, tokens));
    }

    private ExecutionPlan plan(String proposal) {
        return new ExecutionPlan(wallet, proposal, "aptos-1", sender, "0x" + "ab".repeat(32), "APT", "12345", null,
                "APTOS");
    }

    @Test
    void journals_the_signed_transaction_before_submitting_and_a_restart_submits_the_same_bytes_unsigned_again() {
        String proposal = UUID.randomUUID().toString();
        WithdrawalExecutor crashing = executor(Duration.ZERO);
        crashing.beforeBroadcast(() -> {
            throw new IllegalStateException("crash between journal and submission");
        });
        assertThatThrownBy(() -> crashing.execute(plan(proposal))).hasMessageContaining("crash");

        WithdrawalJournal.Entry journaled = journal.find(proposal).orElseThrow();
        assertThat(journaled.state()).isEqualTo(State.SIGNED);
        assertThat(journaled.nonce()).as("the node's committed sequence number").isEqualTo(4);
        assertThat(stub.submitted).as("nothing is submitted before the journal holds the signed bytes").isEmpty();

        WithdrawalExecutor restarted = executor(Duration.ZERO);
        restarted.execute(plan(proposal));
        assertThat(stub.submitted).containsOnlyKeys(journaled.txHash());
        assertThat(stub.submitted.get(journaled.txHash())).isEqualTo(journaled.signedTx());
        assertThat(commands).as("pending in the mempool: not complete yet").isEmpty();

        stub.commitAll();
        restarted.execute(plan(proposal));
        assertThat(commands).singleElement().isInstanceOfSatisfying(CompleteWithdrawal.class,
                c -> assertThat(c.transactionHash()).isEqualTo(journaled.txHash()));
        assertThat(journal.find(proposal).orElseThrow().state()).isEqualTo(State.CONFIRMED);
        assertThat(mpc.signedMessages).as("one message signed, once").hasSize(1);
        assertThat(mpc.requests).allSatisfy(r -> assertThat(r.hash()).isEqualTo(MessageHash.ED25519_PURE));

        Submitted tx = Submitted.parse(stub.submitted.get(journaled.txHash()));
        assertThat(tx.publicKey()).isEqualTo(mpc.publicKey.encoded());
        assertThat(verifies(tx.publicKey(), tx.signingMessage(), tx.signature())).isTrue();
        assertThat("0x" + java.util.HexFormat.of().formatHex(tx.sender())).isEqualTo(sender);
        assertThat(tx.sequenceNumber()).isEqualTo(4);
    }

    @Test
    void a_signature_that_does_not_verify_under_the_wallet_key_is_neither_journaled_nor_submitted() {
        String proposal = UUID.randomUUID().toString();
        mpc.forge = true;
        executor(Duration.ZERO).execute(plan(proposal));

        WithdrawalJournal.Entry entry = journal.find(proposal).orElseThrow();
        assertThat(entry.state()).isEqualTo(State.FAILED);
        assertThat(entry.signedTx()).isNull();
        assertThat(stub.submitted).isEmpty();
        assertThat(commands).singleElement().isInstanceOf(FailWithdrawal.class);
    }

    @Test
    void a_key_whose_authentication_key_is_not_the_sender_builds_nothing() {
        String proposal = UUID.randomUUID().toString();
        ExecutionPlan other = new ExecutionPlan(wallet, proposal, "aptos-1", "0x" + "cd".repeat(32),
                "0x" + "ab".repeat(32), "APT", "12345", null, "APTOS");
        executor(Duration.ZERO).execute(other);

        assertThat(journal.find(proposal)).isEmpty();
        assertThat(mpc.requests).isEmpty();
        assertThat(commands).singleElement().isInstanceOf(FailWithdrawal.class);
    }

    @Test
    void a_transaction_expired_uncommitted_is_renewed_with_the_same_sequence_number_and_only_that_renewal_commits() {
        String proposal = UUID.randomUUID().toString();
        WithdrawalExecutor executor = executor(Duration.ZERO);
        executor.execute(plan(proposal));
        WithdrawalJournal.Entry first = journal.find(proposal).orElseThrow();
        assertThat(stub.submitted).containsOnlyKeys(first.txHash());

        // the mempool dropped it and the ledger's clock passed its expiration: it can never commit any more
        stub.submitted.clear();
        long expiration = AptosTransactionBytes.expirationSecs(first.unsignedTx());
        stub.ledgerTimestampMicros = (expiration + 1) * 1_000_000L;
        executor.execute(plan(proposal));

        List<Version> versions = journal.versions(proposal);
        assertThat(versions).hasSize(2);
        Version renewal = versions.get(1);
        assertThat(AptosTransactionBytes.renewalProblem(first.unsignedTx(), renewal.unsignedTx())).isNull();
        assertThat(AptosTransactionBytes.sequenceNumber(renewal.unsignedTx())).isEqualTo(4);
        assertThat(stub.submitted).containsOnlyKeys(renewal.txHash());
        assertThat(mpc.keysUsed).containsExactly("withdraw/" + proposal, "withdraw/" + proposal + "/v2");

        stub.commitAll();
        executor.execute(plan(proposal));
        assertThat(commands).singleElement().isInstanceOfSatisfying(CompleteWithdrawal.class,
                c -> assertThat(c.transactionHash()).isEqualTo(renewal.txHash()));
        assertThat(journal.minedHash(proposal)).isEqualTo(renewal.txHash());
    }

    @Test
    void once_the_last_allowed_version_expired_the_proposal_fails_and_its_sequence_number_is_given_back() {
        String proposal = UUID.randomUUID().toString();
        WithdrawalExecutor executor = executor(Duration.ZERO); // at most 3 versions
        executor.execute(plan(proposal));
        for (int round = 1; round <= 3; round++) {
            List<Version> versions = journal.versions(proposal);
            assertThat(versions).hasSize(round);
            assertThat(commands).isEmpty();
            stub.submitted.clear();
            long expiration = AptosTransactionBytes.expirationSecs(versions.get(versions.size() - 1).unsignedTx());
            stub.ledgerTimestampMicros = (expiration + 1) * 1_000_000L;
            executor.execute(plan(proposal));
        }

        assertThat(journal.versions(proposal)).hasSize(3);
        assertThat(journal.find(proposal).orElseThrow().state()).isEqualTo(State.FAILED);
        assertThat(stub.submitted).as("nothing after the third version expired").isEmpty();
        assertThat(commands).singleElement().isInstanceOfSatisfying(FailWithdrawal.class,
                f -> assertThat(f.reason()).contains("expired"));
        io.custody.chain.ChainAddress from = new io.custody.chain.ChainAddress(sender);
        assertThat(adapter.sequences().inFlight(from)).doesNotContain(BigInteger.valueOf(4));
        assertThat(adapter.sequences().reserve(from)).as("the next transfer takes the unused number")
                .isEqualTo(BigInteger.valueOf(4));
    }

    @Test
    void a_transaction_not_yet_expired_is_submitted_again_and_never_renewed() {
        String proposal = UUID.randomUUID().toString();
        WithdrawalExecutor executor = executor(Duration.ZERO);
        executor.execute(plan(proposal));
        WithdrawalJournal.Entry first = journal.find(proposal).orElseThrow();

        stub.submitted.clear(); // dropped from the mempool, but the ledger's clock is before its expiration
        executor.execute(plan(proposal));

        assertThat(journal.versions(proposal)).hasSize(1);
        assertThat(stub.submitted).containsOnlyKeys(first.txHash());
        assertThat(mpc.signedMessages).hasSize(1);
    }

    @Test
    void renewal_check_refuses_anything_but_a_later_expiration() {
        byte[] raw = new byte[80];
        new SecureRandom().nextBytes(raw);
        ByteBuffer.wrap(raw, raw.length - 9, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        assertThat(AptosTransactionBytes.renewalProblem(raw, AptosTransactionBytes.renewed(raw, 2000))).isNull();
        assertThat(AptosTransactionBytes.renewalProblem(raw, AptosTransactionBytes.renewed(raw, 1000))).isNotNull();
        assertThat(AptosTransactionBytes.renewalProblem(raw, AptosTransactionBytes.renewed(raw, 999))).isNotNull();
        for (int i : new int[] {0, 35, 40, raw.length - 20, raw.length - 1}) {
            byte[] changed = AptosTransactionBytes.renewed(raw, 2000);
            changed[i] ^= 1;
            assertThat(AptosTransactionBytes.renewalProblem(raw, changed)).as("byte %d changed", i).isNotNull();
        }
        assertThat(AptosTransactionBytes.renewalProblem(raw, Arrays.copyOf(raw, raw.length + 1))).isNotNull();
    }

    /** A submitted signed transaction with an Ed25519 authenticator, read back from its BCS bytes. */
    private record Submitted(byte[] raw, byte[] publicKey, byte[] signature) {
        static Submitted parse(byte[] signed) {
            // raw || 0x00 (Ed25519) || 0x20 || 32-byte key || 0x40 || 64-byte signature
            int raw = signed.length - (1 + 1 + 32 + 1 + 64);
            assertThat(signed[raw]).as("authenticator variant Ed25519").isEqualTo((byte) 0);
            assertThat(signed[raw + 1]).isEqualTo((byte) 32);
            assertThat(signed[raw + 34]).isEqualTo((byte) 64);
            return new Submitted(Arrays.copyOf(signed, raw), Arrays.copyOfRange(signed, raw + 2, raw + 34),
                    Arrays.copyOfRange(signed, raw + 35, signed.length));
        }

        byte[] sender() {
            return Arrays.copyOf(raw, 32);
        }

        long sequenceNumber() {
            return ByteBuffer.wrap(raw, 32, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        /** Computed here from the Aptos documentation, not with the code under test. */
        byte[] signingMessage() {
            SHA3Digest d = new SHA3Digest(256);
            byte[] tag = "APTOS::RawTransaction".getBytes(StandardCharsets.UTF_8);
            d.update(tag, 0, tag.length);
            byte[] prefix = new byte[32];
            d.doFinal(prefix, 0);
            byte[] m = Arrays.copyOf(prefix, 32 + raw.length);
            System.arraycopy(raw, 0, m, 32, raw.length);
            return m;
        }
    }

    private static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }

    /**
     * One whole Ed25519 key behind the MPC client interface, with its idempotency contract: the same key with the
     * same request answers the first signature, with another request an error. {@code forge} signs with another key.
     * The calls the Aptos path must never make (key generation, refresh, ECDSA presignatures and derived keys) throw,
     * so a test fails if the code under test makes one.
     */
    private static final class LocalCluster implements MpcClient {
        final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        final SignerPublicKey.Ed25519 publicKey = new SignerPublicKey.Ed25519(key.generatePublicKey().getEncoded());
        final List<SignMessageRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> keysUsed = new CopyOnWriteArrayList<>();
        final List<byte[]> signedMessages = new ArrayList<>();
        final Map<String, SignMessageRequest> byKey = new ConcurrentHashMap<>();
        final Map<String, SignatureResult> results = new ConcurrentHashMap<>();
        volatile boolean forge;

        @Override
        public synchronized CompletableFuture<SignatureResult> sign(IdempotencyKey idempotencyKey,
                                                                    SignMessageRequest request) {
            requests.add(request);
            SignMessageRequest earlier = byKey.putIfAbsent(idempotencyKey.value(), request);
            if (earlier != null) {
                if (!earlier.equals(request)) {
                    return CompletableFuture.failedFuture(new IllegalStateException("IDEMPOTENCY_CONFLICT"));
                }
                return CompletableFuture.completedFuture(results.get(idempotencyKey.value()));
            }
            keysUsed.add(idempotencyKey.value());
            Ed25519PrivateKeyParameters signer = forge ? new Ed25519PrivateKeyParameters(new SecureRandom()) : key;
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, signer);
            byte[] message = request.message();
            s.update(message, 0, message.length);
            signedMessages.add(message);
            SignatureResult result = new SignatureResult(request.key(), SignatureScheme.FROST_ED25519,
                    s.generateSignature(), publicKey.encoded());
            results.put(idempotencyKey.value(), result);
            return CompletableFuture.completedFuture(result);
        }

        @Override
        public CompletableFuture<KeyDescriptor> publicKey(KeyRef ref) {
            return CompletableFuture.completedFuture(new KeyDescriptor(ref, SignatureScheme.FROST_ED25519, 2,
                    List.of("a", "b", "c"), publicKey.encoded(), new byte[0]));
        }

        @Override
        public CompletableFuture<KeyDescriptor> generateKey(IdempotencyKey k, GenerateKeyRequest r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<KeyDescriptor> refresh(IdempotencyKey k, KeyRef r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<PresignatureHandle> presign(IdempotencyKey k, KeyRef r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<SignatureResult> sign(IdempotencyKey k, SignMessageRequest r, PresignatureHandle p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<DerivedPublicKey> publicKey(KeyRef k, DerivationPath p) {
            throw new UnsupportedOperationException();
        }
    }
}
