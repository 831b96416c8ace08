package io.custody.query.governance;

import io.custody.api.governance.PolicyChangeApplied;
import io.custody.api.governance.PolicyChangeApproved;
import io.custody.api.governance.PolicyChangeCancelled;
import io.custody.api.governance.PolicyChangeExpired;
import io.custody.api.governance.PolicyChangeFailed;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.PolicyChangeScheduled;
import io.custody.api.governance.PolicyChangeStatus;
import io.custody.api.wallet.SignerAddress;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code policy_change_view} and {@code policy_change_approval_view} current from the policy changes' own
 * streams, in a processor of its own. Updates are guarded by the stream's sequence number and approvals keyed by
 * signer, so a redelivered event is a no-op.
 */
@Component
@ProcessingGroup(PolicyChangeProjection.PROCESSOR)
public class PolicyChangeProjection {

    public static final String PROCESSOR = "policy-change-view";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public PolicyChangeProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PolicyChangeProposed e, @SequenceNumber long sequence) {
        String change = json.writeValueAsString(e.change());
        jdbc.update(con -> {
            var s = con.prepareStatement("""
                    INSERT INTO policy_change_view (change_id, wallet_id, organisation_id, kind, description, change,
                        signers, threshold, required_approvals, tightening, time_lock_seconds, status, expires_at,
                        proposed_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)
                    ON CONFLICT (change_id) DO NOTHING""");
            s.setObject(1, e.changeId().value());
            s.setObject(2, e.walletId().value());
            s.setString(3, e.organisation().value());
            s.setString(4, e.change().kind().name());
            s.setString(5, e.change().describe());
            s.setString(6, change);
            s.setArray(7, con.createArrayOf("text", e.signers().stream().map(SignerAddress::value).toArray()));
            s.setInt(8, e.threshold().value());
            s.setInt(9, e.requiredApprovals());
            s.setBoolean(10, e.tightening());
            s.setLong(11, e.timeLockSeconds());
            s.setTimestamp(12, Timestamp.from(e.expiresAt()));
            s.setTimestamp(13, Timestamp.from(e.proposedAt()));
            s.setTimestamp(14, Timestamp.from(e.proposedAt()));
            s.setLong(15, sequence);
            return s;
        });
    }

    @EventHandler
    void on(PolicyChangeApproved e, @SequenceNumber long sequence) {
        // a passkey signer's approval shows the WebAuthn signature as webauthn:<base64url>, as proposal votes do
        String shown = e.signature() != null ? e.signature().signature()
                : e.passkey() != null ? "webauthn:" + e.passkey().signature() : "";
        jdbc.update("""
                INSERT INTO policy_change_approval_view (change_id, signer, signature, public_key, approved_at)
                SELECT change_id, ?, ?, ?, ? FROM policy_change_view WHERE change_id = ?
                ON CONFLICT (change_id, signer) DO NOTHING""", e.signer().value(), shown,
                e.signature() == null ? null : e.signature().publicKey(), Timestamp.from(e.at()), e.changeId().value());
        update(e.changeId(), "status = status", null, e.at(), sequence);
    }

    @EventHandler
    void on(PolicyChangeScheduled e, @SequenceNumber long sequence) {
        update(e.changeId(), "status = 'SCHEDULED', effective_at = ?", Timestamp.from(e.effectiveAt()), e.at(),
                sequence);
    }

    @EventHandler
    void on(PolicyChangeApplied e, @SequenceNumber long sequence) {
        update(e.changeId(), "status = 'APPLIED', effective_at = ?", Timestamp.from(e.at()), e.at(), sequence);
    }

    @EventHandler
    void on(PolicyChangeCancelled e, @SequenceNumber long sequence) {
        update(e.changeId(), "status = 'CANCELLED', cancelled_by = ?",
                e.signer() == null ? "administrator" : e.signer().value(), e.at(), sequence);
    }

    @EventHandler
    void on(PolicyChangeFailed e, @SequenceNumber long sequence) {
        jdbc.update("UPDATE policy_change_view SET status = 'FAILED', failure_code = ?, failure_reason = ?, "
                        + "updated_at = ?, version = ? WHERE change_id = ? AND version < ?", e.reasonCode(),
                e.reason(), Timestamp.from(e.at()), sequence, e.changeId().value(), sequence);
    }

    @EventHandler
    void on(PolicyChangeExpired e, @SequenceNumber long sequence) {
        update(e.changeId(), "status = '" + PolicyChangeStatus.EXPIRED.name() + "'", null, e.at(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM policy_change_approval_view");
        jdbc.update("DELETE FROM policy_change_view");
    }

    private void update(PolicyChangeId id, String set, Object value, Instant at, long sequence) {
        String sql = "UPDATE policy_change_view SET " + set + ", updated_at = ?, version = ? "
                + "WHERE change_id = ? AND version < ?";
        if (value == null) {
            jdbc.update(sql, Timestamp.from(at), sequence, id.value(), sequence);
        } else {
            jdbc.update(sql, value, Timestamp.from(at), sequence, id.value(), sequence);
        }
    }
}
