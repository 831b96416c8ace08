package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.chain.aptos.AptosLedgerJson;
import io.custody.chain.aptos.AptosNodeStub;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An Aptos wallet end to end: the all-in-one application on an embedded PostgreSQL with its three in-process MPC
 * nodes, configured with an Aptos network whose REST URL is the chain gateway's documented-API stub (no Aptos node can
 * run here; the stub does not execute Move, it records submissions and commits them when told). A 2-of-3 wallet is
 * provisioned by FROST Ed25519 key generation, funded by an APT deposit in a block of the stub's ledger (the deposit
 * watch credits it), and a withdrawal proposed and approved by two signers is executed by the saga. What the stub
 * received is checked independently of the application's code: one submission, an Ed25519 authenticator that
 * verifies (BouncyCastle) over the Aptos signing message under the wallet's public key, whose authentication key is
 * the sender and the wallet's address.
 */
class AptosWithdrawalEndToEndTest {

    private static final SignerKeys.Aptos ALICE = SignerKeys.Aptos.of(31);
    private static final SignerKeys.Aptos BOB = SignerKeys.Aptos.of(32);
    private static final SignerKeys.Aptos CAROL = SignerKeys.Aptos.of(33);
    private static final String APT = "0x1::aptos_coin::AptosCoin";
    private static final Duration STEP = Duration.ofMinutes(2);

    @TempDir
    static Path dataDir;
    static AptosNodeStub stub;
    static RunningApplication app;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        stub = new AptosNodeStub();
        stub.addBlock(AptosLedgerJson.blockMetadataTx()); // a ledger with a genesis block to start scanning from
        app = RunningApplication.start(dataDir, "--custody.provisioning.enabled=true",
                "--custody.execution.enabled=true", "--custody.chain.local-node.enabled=false",
                "--custody.chain.aptos.rest-urls=" + stub.baseUri(), "--custody.chain.aptos.chain-id=2",
                "--custody.deposits.poll-millis=300", "--custody.withdrawal-delay.unit=PT1S");
        http = app.http();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stub != null) stub.close();
    }

    @Test
    void a_2_of_3_aptos_wallet_is_provisioned_funded_and_withdraws_apt_signed_by_frost_under_its_authentication_key() {
        Wallet wallet = fundedWallet("Aptos E2E", 1_000_000_000L);
        String payee = "0x" + "5a".repeat(32);
        long amount = 123_456_789L;
        String proposalId = proposeAndApprove(wallet.id(), payee, amount);

        JsonNode done = awaitStatus(wallet.id(), proposalId, "COMPLETED");
        String hash = done.get("transactionHash").asString();
        Map<String, byte[]> fromWallet = submittedBy(wallet.address());
        assertThat(fromWallet).as("exactly one transaction submitted for the proposal").containsOnlyKeys(hash);

        Submitted tx = Submitted.parse(fromWallet.get(hash));
        assertThat(hex(tx.publicKey())).isEqualTo(wallet.publicKeyHex());
        assertThat(verifies(tx.publicKey(), tx.signingMessage(), tx.signature()))
                .as("the authenticator's Ed25519 signature verifies over the Aptos signing message").isTrue();
        assertThat(hex(authenticationKey(tx.publicKey()))).isEqualTo(wallet.address());
        assertThat(hex(tx.sender())).isEqualTo(wallet.address());
        assertThat(tx.sequenceNumber()).isZero();
        // the approved transfer: recipient and amount in the entry function's arguments
        assertThat(indexOf(tx.raw(), HexFormat.of().parseHex(payee.substring(2)))).isPositive();
        assertThat(indexOf(tx.raw(), u64(amount))).isPositive();
        assertThat(app.jdbc().queryForObject("SELECT signed_tx FROM withdrawal_transaction WHERE tx_hash = ?",
                byte[].class, hash)).isEqualTo(fromWallet.get(hash));
    }

    @Test
    void a_node_that_refuses_the_submission_leaves_the_proposal_executing_until_the_same_bytes_are_accepted() {
        Wallet wallet = fundedWallet("Aptos refused", 500_000_000L);
        stub.rejectSubmissionsWith = "SEQUENCE_NUMBER_TOO_NEW";
        String proposalId;
        try {
            proposalId = proposeAndApprove(wallet.id(), "0x" + "6b".repeat(32), 1_000L);
            await().atMost(STEP).until(() -> !app.jdbc().queryForList("""
                    SELECT 1 FROM withdrawal_transaction WHERE proposal_id = ?::uuid AND broadcasts > 0
                    AND last_error LIKE '%SEQUENCE_NUMBER_TOO_NEW%'""", proposalId).isEmpty());
            // refused by the node: not completed, not failed (a signed transaction might still commit), nothing kept
            assertThat(submittedBy(wallet.address())).isEmpty();
            String status = http.get(path(wallet.id(), proposalId)).json().get("status").asString();
            assertThat(status).isEqualTo("EXECUTING");
        } finally {
            stub.rejectSubmissionsWith = null;
        }
        byte[] journaled = app.jdbc().queryForObject(
                "SELECT signed_tx FROM withdrawal_transaction WHERE proposal_id = ?::uuid", byte[].class, proposalId);

        JsonNode done = awaitStatus(wallet.id(), proposalId, "COMPLETED");
        Map<String, byte[]> fromWallet = submittedBy(wallet.address());
        assertThat(fromWallet).containsOnlyKeys(done.get("transactionHash").asString());
        assertThat(fromWallet.values().iterator().next()).as("the bytes journaled before the refusal")
                .isEqualTo(journaled);
    }

    private record Wallet(String id, String address, String publicKeyHex) {
    }

    /** A 2-of-3 Aptos wallet once ACTIVE, with {@code octas} of APT deposited through the stub's ledger. */
    private static Wallet fundedWallet(String name, long octas) {
        String walletId = http.post("/api/v1/wallets", """
                {"name":"%s","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"APTOS"}"""
                .formatted(name, ALICE.address(), BOB.address(), CAROL.address())).json().get("walletId").asString();
        String location = "/api/v1/wallets/" + walletId;
        await().atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get(location).status() == 200
                        && "ACTIVE".equals(http.get(location).json().get("status").asString()));
        JsonNode view = http.get(location).json();
        String address = view.get("address").asString();
        String publicKey = view.get("publicKey").asString().toLowerCase().replaceFirst("^0x", "");
        assertThat(address).matches("0x[0-9a-f]{64}");
        assertThat(http.send("PUT", location + "/withdrawal-delay", "application/json", "{\"hours\":1}").status())
                .isEqualTo(204);

        // the account on the node: its APT balance and sequence number, and the deposit in a committed block
        stub.aptBalances.put(address, BigInteger.valueOf(octas));
        stub.sequenceNumbers.put(address, 0L);
        stub.addBlock(AptosLedgerJson.userTx(AptosLedgerJson.randomAddress(), true,
                AptosLedgerJson.list(AptosLedgerJson.coinDeposit(address, APT, Long.toString(octas))),
                AptosLedgerJson.list()));
        await().atMost(STEP).until(() -> Long.toString(octas).equals(balance(walletId, "APT")));
        return new Wallet(walletId, address, "0x" + publicKey);
    }

    /** Proposes {@code amount} octas of APT to {@code to}, signed by Alice, and approves it with Bob and Carol. */
    private static String proposeAndApprove(String walletId, String to, long amount) {
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        String base = "/api/v1/wallets/" + walletId + "/proposals";
        String message = http.get(base + "/request-payload?proposalId=" + proposalId + "&to=" + to + "&token=APT"
                + "&amount=" + amount + "&expiresAt=" + expiresAt).json().get("ed25519MessageHex").asString();
        Http.Response proposed = http.post(base, """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"APT","amount":"%d","expiresAt":"%s",
                 "signature":"%s","publicKey":"%s"}""".formatted(proposalId, ALICE.address(), to, amount, expiresAt,
                ALICE.sign(message), ALICE.publicKeyHex()));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String payloadPath = base + "/" + proposalId + "/signing-payload?decision=approve";
        await().atMost(STEP).until(() -> http.get(payloadPath).status() == 200);
        String approval = http.get(payloadPath).json().get("ed25519MessageHex").asString();
        for (SignerKeys.Aptos signer : List.of(BOB, CAROL)) {
            Http.Response voted = http.post(base + "/" + proposalId + "/approvals", """
                    {"signer":"%s","signature":"%s","publicKey":"%s"}""".formatted(signer.address(),
                    signer.sign(approval), signer.publicKeyHex()));
            assertThat(voted.status()).as(voted.body()).isEqualTo(204);
        }
        return proposalId;
    }

    private static String path(String walletId, String proposalId) {
        return "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
    }

    /** The proposal once in {@code status}, committing what the stub holds at every look (the chain's next block). */
    private static JsonNode awaitStatus(String walletId, String proposalId, String status) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> {
            stub.commitAll();
            JsonNode proposal = http.get(path(walletId, proposalId)).json();
            assertThat(proposal.get("status").asString()).as(proposal.toString()).isNotIn("FAILED", "REJECTED",
                    "EXPIRED");
            return status.equals(proposal.get("status").asString());
        });
        return http.get(path(walletId, proposalId)).json();
    }

    /** Every submission the stub received from {@code address} (the first 32 bytes of a signed transaction). */
    private static Map<String, byte[]> submittedBy(String address) {
        byte[] sender = HexFormat.of().parseHex(address.substring(2));
        return stub.submitted.entrySet().stream()
                .filter(e -> Arrays.equals(Arrays.copyOf(e.getValue(), 32), sender))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String balance(String walletId, String token) {
        Http.Response r = http.get("/api/v1/wallets/" + walletId + "/balances");
        if (r.status() != 200) return "";
        for (JsonNode b : r.json().get("balances")) {
            if (token.equals(b.get("token").asString())) {
                return b.get("deposited").asString();
            }
        }
        return "";
    }

    /**
     * A signed transaction with an Ed25519 authenticator, read from its BCS bytes as the Aptos documentation lays
     * them out: the raw transaction, then variant 0, the 32-byte public key and the 64-byte signature, each behind
     * its one-byte ULEB128 length.
     */
    private record Submitted(byte[] raw, byte[] publicKey, byte[] signature) {
        static Submitted parse(byte[] signed) {
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

        /** sha3-256("APTOS::RawTransaction") followed by the raw transaction's BCS bytes. */
        byte[] signingMessage() {
            byte[] prefix = sha3("APTOS::RawTransaction".getBytes(StandardCharsets.UTF_8));
            byte[] m = Arrays.copyOf(prefix, 32 + raw.length);
            System.arraycopy(raw, 0, m, 32, raw.length);
            return m;
        }
    }

    /** sha3-256(public key || 0x00), the single-key Ed25519 scheme. */
    private static byte[] authenticationKey(byte[] publicKey) {
        byte[] in = Arrays.copyOf(publicKey, publicKey.length + 1);
        return sha3(in);
    }

    private static byte[] sha3(byte[] in) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }

    private static byte[] u64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }
}
