package io.custody.query.proposal;

import io.custody.api.common.Page;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ContractCall;
import io.custody.api.withdrawal.ProposalView;
import io.custody.api.withdrawal.ProposalView.VoteView;
import io.custody.api.wallet.WalletId;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Non-blocking reads of proposals with their votes. */
@Repository
public class ProposalReadRepository {

    private final DatabaseClient db;

    public ProposalReadRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<ProposalView> find(WalletId walletId, ProposalId proposalId) {
        return db.sql("SELECT * FROM proposal_view WHERE proposal_id = :id AND wallet_id = :wallet")
                .bind("id", proposalId.value())
                .bind("wallet", walletId.value())
                .map(ProposalReadRepository::row)
                .one()
                .flatMap(this::withVotes);
    }

    /** Newest first (by nonce), optionally of one status. */
    public Mono<Page<ProposalView>> list(WalletId walletId, ProposalStatus status, int page, int size) {
        String where = " WHERE wallet_id = :wallet" + (status == null ? "" : " AND status = :status");
        var rows = db.sql("SELECT * FROM proposal_view" + where + " ORDER BY nonce DESC LIMIT :limit OFFSET :offset")
                .bind("wallet", walletId.value()).bind("limit", size).bind("offset", (long) page * size);
        var count = db.sql("SELECT count(*) AS total FROM proposal_view" + where).bind("wallet", walletId.value());
        if (status != null) {
            rows = rows.bind("status", status.name());
            count = count.bind("status", status.name());
        }
        Mono<List<ProposalView>> items = rows.map(ProposalReadRepository::row).all()
                .concatMap(this::withVotes).collectList();
        Mono<Long> total = count.map(r -> r.get("total", Long.class)).one();
        return Mono.zip(items, total).map(t -> new Page<>(t.getT1(), page, size, t.getT2()));
    }

    private Mono<ProposalView> withVotes(Row row) {
        return db.sql("SELECT * FROM proposal_vote_view WHERE proposal_id = :id ORDER BY voted_at, signer")
                .bind("id", UUID.fromString(row.proposalId()))
                .map(r -> new Object[] {r.get("decision", String.class), new VoteView(r.get("signer", String.class),
                        r.get("signature", String.class), r.get("public_key", String.class),
                        r.get("reason", String.class), instant(r, "voted_at"))})
                .all()
                .collectList()
                .map(votes -> {
                    List<VoteView> approvals = new ArrayList<>();
                    List<VoteView> rejections = new ArrayList<>();
                    for (Object[] v : votes) {
                        ("APPROVE".equals(v[0]) ? approvals : rejections).add((VoteView) v[1]);
                    }
                    return row.view(approvals, rejections);
                });
    }

    /** A proposal row before its votes are attached. */
    record Row(String proposalId, String walletId, long nonce, String chainFamily, String proposer, String to,
               String token, BigDecimal amount, List<String> signers, int threshold, int required,
               List<String> breaches, int delayHours, String status, Instant expiresAt, Instant executableAfter,
               boolean delayElapsed, String txHash, String failure, Instant createdAt, Instant updatedAt,
               long version, ContractCall call, Instant notBefore) {

        ProposalView view(List<VoteView> approvals, List<VoteView> rejections) {
            int needed = "PENDING".equals(status) ? Math.max(0, required - approvals.size()) : 0;
            return new ProposalView(proposalId, walletId, nonce, chainFamily, proposer, to, token,
                    amount.toPlainString(), signers, threshold, required, breaches, delayHours, status, expiresAt,
                    executableAfter, delayElapsed, txHash, failure, approvals, rejections, needed, createdAt,
                    updatedAt, version, call == null ? "TRANSFER" : "CONTRACT_CALL",
                    call == null ? null : ProposalView.CallView.of(call), notBefore);
        }
    }

    private static Row row(Readable r) {
        OffsetDateTime executable = r.get("executable_after", OffsetDateTime.class);
        return new Row(r.get("proposal_id", UUID.class).toString(), r.get("wallet_id", UUID.class).toString(),
                r.get("nonce", Long.class), r.get("chain_family", String.class), r.get("proposer", String.class),
                r.get("to_address", String.class), r.get("token", String.class), r.get("amount", BigDecimal.class),
                List.of(r.get("signers", String[].class)), r.get("threshold", Integer.class),
                r.get("required_approvals", Integer.class), List.of(r.get("limit_breaches", String[].class)),
                r.get("delay_hours", Integer.class), r.get("status", String.class), instant(r, "expires_at"),
                executable == null ? null : executable.toInstant(), r.get("delay_elapsed", Boolean.class),
                r.get("transaction_hash", String.class), r.get("failure_reason", String.class),
                instant(r, "created_at"), instant(r, "updated_at"), r.get("version", Long.class), call(r),
                r.get("not_before", OffsetDateTime.class) == null ? null
                        : r.get("not_before", OffsetDateTime.class).toInstant());
    }

    private static ContractCall call(Readable r) {
        String function = r.get("call_function", String.class);
        return function == null ? null : new ContractCall(function, List.of(r.get("call_arguments", String[].class)),
                r.get("call_data", String.class));
    }

    private static Instant instant(Readable r, String column) {
        return r.get(column, OffsetDateTime.class).toInstant();
    }
}
