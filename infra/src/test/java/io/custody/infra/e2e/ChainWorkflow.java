package io.custody.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.web3j.crypto.Credentials;
import tools.jackson.databind.JsonNode;

/**
 * The steps the end-to-end tests on a chain share, through the application's HTTP API only: create a 2-of-3 EVM
 * wallet and wait for its key, propose a withdrawal signed by the first signer and approve it with the other two,
 * read a balance figure.
 */
final class ChainWorkflow {

    /**
     * Hardhat's first default development account (from its published test mnemonic): it holds 10,000 ETH on every
     * fresh Hardhat node and exists only on development chains.
     */
    static final Credentials DEV_ACCOUNT = Credentials.create(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final Duration PROVISIONING = Duration.ofMinutes(8);
    static final Duration STEP = Duration.ofMinutes(3);

    private final Http http;
    private final SignerKeys.Evm proposer;
    private final SignerKeys.Evm[] approvers;

    ChainWorkflow(Http http, SignerKeys.Evm proposer, SignerKeys.Evm... approvers) {
        this.http = http;
        this.proposer = proposer;
        this.approvers = approvers;
    }

    /** A 2-of-3 EVM wallet of the proposer and approvers, once ACTIVE; answers its id. */
    String activeWallet(String name) {
        String walletId = http.post("/api/v1/wallets", """
                {"name":"%s","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(name, proposer.address(), approvers[0].address(), approvers[1].address()))
                .json().get("walletId").asString();
        String location = "/api/v1/wallets/" + walletId;
        await().atMost(PROVISIONING).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.get(location).status() == 200
                        && "ACTIVE".equals(http.get(location).json().get("status").asString()));
        return walletId;
    }

    String address(String walletId) {
        return http.get("/api/v1/wallets/" + walletId).json().get("address").asString();
    }

    /** Proposes {@code amount} base units of {@code token} to {@code to} and approves it with two signers. */
    String proposeAndApprove(String walletId, String to, String token, BigInteger amount) {
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        String base = "/api/v1/wallets/" + walletId + "/proposals";
        String typed = http.get(base + "/request-payload?proposalId=" + proposalId + "&to=" + to + "&token=" + token
                + "&amount=" + amount + "&expiresAt=" + expiresAt).json().get("eip712TypedData").toString();
        Http.Response proposed = http.post(base, """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"%s","amount":"%s","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, proposer.address(), to, token, amount, expiresAt,
                proposer.signTypedData(typed)));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String payloadPath = base + "/" + proposalId + "/signing-payload?decision=approve";
        await().atMost(STEP).until(() -> http.get(payloadPath).status() == 200);
        String approval = http.get(payloadPath).json().get("eip712TypedData").toString();
        for (SignerKeys.Evm signer : approvers) {
            Http.Response voted = http.post(base + "/" + proposalId + "/approvals", """
                    {"signer":"%s","signature":"%s"}""".formatted(signer.address(), signer.signTypedData(approval)));
            assertThat(voted.status()).as(voted.body()).isEqualTo(204);
        }
        return proposalId;
    }

    /**
     * Proposes a call of {@code contract} (sending {@code value} wei of ETH with it) signed by the proposer over the
     * served request payload, checks that the proposal shows the call decoded, and approves it with two signers over
     * the served decision payload, which binds the calldata.
     */
    String proposeCallAndApprove(String walletId, String contract, BigInteger value, String function,
                                 String... arguments) {
        return proposeCallAndApprove(walletId, contract, "ETH", value, null, function, arguments);
    }

    /**
     * As {@link #proposeCallAndApprove(String, String, BigInteger, String, String...)}, in {@code token}'s name (an
     * ERC-20 token: {@code value} is the most of it the call may move) and scheduled at {@code notBefore} if given.
     */
    String proposeCallAndApprove(String walletId, String contract, String token, BigInteger value, Instant notBefore,
                                 String function, String... arguments) {
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder query = new StringBuilder("/api/v1/wallets/" + walletId + "/proposals/request-payload?proposalId="
                + proposalId + "&to=" + contract + "&token=" + token + "&amount=" + value + "&expiresAt=" + expiresAt
                + (notBefore == null ? "" : "&notBefore=" + notBefore)
                + "&function=" + URLEncoder.encode(function, StandardCharsets.UTF_8));
        StringBuilder json = new StringBuilder();
        for (String argument : arguments) {
            query.append("&argument=").append(URLEncoder.encode(argument, StandardCharsets.UTF_8));
            json.append(json.isEmpty() ? "" : ",").append('"').append(argument).append('"');
        }
        Http.Response request = http.get(query.toString());
        assertThat(request.status()).as(request.body()).isEqualTo(200);
        String typed = request.json().get("eip712TypedData").toString();
        Http.Response proposed = http.post("/api/v1/wallets/" + walletId + "/contract-calls", """
                {"proposalId":"%s","proposer":"%s","contract":"%s","token":"%s","value":"%s","function":"%s",
                 "arguments":[%s],"expiresAt":"%s",%s"signature":"%s"}""".formatted(proposalId, proposer.address(),
                contract, token, value, function, json, expiresAt,
                notBefore == null ? "" : "\"notBefore\":\"" + notBefore + "\",", proposer.signTypedData(typed)));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String base = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
        await().atMost(STEP).until(() -> http.get(base).status() == 200);
        JsonNode shown = http.get(base).json();
        assertThat(shown.get("type").asString()).isEqualTo("CONTRACT_CALL");
        assertThat(shown.get("call").get("function").asString()).isEqualTo(function);
        assertThat(shown.get("call").get("arguments")).hasSize(arguments.length);
        Http.Response payload = http.get(base + "/signing-payload?decision=approve");
        JsonNode message = payload.json().get("eip712TypedData").get("message");
        assertThat(message.get("data").asString()).isEqualTo(shown.get("call").get("data").asString());
        String approval = payload.json().get("eip712TypedData").toString();
        for (SignerKeys.Evm signer : approvers) {
            Http.Response voted = http.post(base + "/approvals", """
                    {"signer":"%s","signature":"%s"}""".formatted(signer.address(), signer.signTypedData(approval)));
            assertThat(voted.status()).as(voted.body()).isEqualTo(204);
        }
        return proposalId;
    }

    /** The proposal once COMPLETED, running {@code meanwhile} (e.g. mining a block) at every look; fails if it fails. */
    JsonNode awaitCompleted(String walletId, String proposalId, Runnable meanwhile) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> {
            meanwhile.run();
            JsonNode proposal = http.get(path).json();
            String status = proposal.get("status").asString();
            assertThat(status).as(proposal.toString()).isNotIn("FAILED", "REJECTED", "EXPIRED");
            return "COMPLETED".equals(status);
        });
        return http.get(path).json();
    }

    /** A figure of the wallet's balance view for a token ({@code deposited}, {@code pendingIncoming}, ...); 0 if none. */
    BigInteger balance(String walletId, String token, String field) {
        Http.Response r = http.get("/api/v1/wallets/" + walletId + "/balances");
        if (r.status() != 200) {
            return BigInteger.valueOf(-1);
        }
        for (JsonNode b : r.json().get("balances")) {
            if (token.equals(b.get("token").asString())) {
                return new BigInteger(b.get(field).asString());
            }
        }
        return BigInteger.ZERO;
    }
}
