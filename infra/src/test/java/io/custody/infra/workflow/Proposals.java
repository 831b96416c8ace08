package io.custody.infra.workflow;

import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Proposing through HTTP as a wallet application does: fetch the request payload, sign it, send it. */
final class Proposals {

    private Proposals() {
    }

    static Http.Response propose(Http http, String walletId, SignerKeys.Evm proposer, String to, long amount,
                                 long expiresInSeconds) {
        return propose(http, walletId, proposer, UUID.randomUUID().toString(), to, amount,
                Instant.now().plusSeconds(expiresInSeconds).truncatedTo(ChronoUnit.SECONDS));
    }

    static Http.Response propose(Http http, String walletId, SignerKeys.Evm proposer, String proposalId, String to,
                                 long amount, Instant expiresAt) {
        String typedData = http.get("/api/v1/wallets/" + walletId + "/proposals/request-payload?proposalId="
                + proposalId + "&to=" + to + "&token=USDC&amount=" + amount + "&expiresAt=" + expiresAt)
                .json().get("eip712TypedData").toString();
        return http.post("/api/v1/wallets/" + walletId + "/proposals", """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"%d","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, proposer.address(), to, amount, expiresAt,
                proposer.signTypedData(typedData)));
    }

    /**
     * The same request with the payload built locally from core-api's {@code ProposalRequestPayload} instead of
     * fetched: one request instead of two, for tests about refusals rather than about the served payload. (A POST
     * that follows a GET on the same keep-alive connection intermittently stalls in this environment; see the
     * workflow report. Fewer round trips make those tests less exposed to it.)
     */
    static Http.Response proposeLocal(Http http, String walletId, SignerKeys.Evm signerKey, String proposer,
                                      String proposalId, String to, long amount, Instant expiresAt) {
        var payload = new io.custody.api.withdrawal.ProposalRequestPayload(io.custody.api.wallet.WalletId.parse(walletId),
                io.custody.api.withdrawal.ProposalId.parse(proposalId), new io.custody.api.money.TokenId("USDC"),
                io.custody.api.money.Amount.of(amount),
                new io.custody.api.wallet.DestinationAddress(io.custody.api.wallet.ChainFamily.EVM, to), expiresAt);
        return http.post("/api/v1/wallets/" + walletId + "/proposals", """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"%d","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, proposer, to, amount, expiresAt,
                signerKey.signTypedData(payload.eip712Json())));
    }

    static Http.Response proposeAptos(Http http, String walletId, SignerKeys.Aptos proposer, String to, long amount,
                                      long expiresInSeconds) {
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(expiresInSeconds).truncatedTo(ChronoUnit.SECONDS);
        String message = http.get("/api/v1/wallets/" + walletId + "/proposals/request-payload?proposalId="
                + proposalId + "&to=" + to + "&token=USDC&amount=" + amount + "&expiresAt=" + expiresAt)
                .json().get("ed25519MessageHex").asString();
        return http.post("/api/v1/wallets/" + walletId + "/proposals", """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"%d","expiresAt":"%s",
                 "signature":"%s","publicKey":"%s"}""".formatted(proposalId, proposer.address(), to, amount, expiresAt,
                proposer.sign(message), proposer.publicKeyHex()));
    }

    /**
     * The EIP-712 typed data an approver signs to approve, once the read model shows the proposal. The command side
     * answers 201 when the event is stored; the proposal reaches the read model a moment later, so the signing payload
     * (served from it) may be 404 just after the proposal was accepted.
     */
    static String approvalTypedData(Http http, String walletId, String proposalId) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId + "/signing-payload?decision=approve";
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).status() == 200);
        return http.get(path).json().get("eip712TypedData").toString();
    }
}
