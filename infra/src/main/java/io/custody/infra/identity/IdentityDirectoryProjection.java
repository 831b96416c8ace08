package io.custody.infra.identity;

import io.custody.api.identity.MemberJoined;
import io.custody.api.identity.MemberRemoved;
import io.custody.api.identity.MemberRolesChanged;
import io.custody.api.identity.OrganisationFounded;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRenamed;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.payment.MerchantApiKeyIssued;
import io.custody.api.payment.MerchantApiKeyRevoked;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.identity.Role;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountKeyRegistered;
import io.custody.api.identity.ServiceAccountKeyRevoked;
import io.custody.api.identity.ServiceAccountRevoked;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.UUID;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The directory authentication reads: organisations, members with their roles, service accounts with their token
 * hashes. It runs in a <em>subscribing</em> processor, in the transaction that appends the events, unlike the read
 * models of {@code query-side}: a removed member or revoked service account must not authenticate once the command
 * that removed it has returned (ADR identity-001). Every statement is idempotent, so replaying the events is harmless.
 */
@Component
@ProcessingGroup(IdentityDirectoryProjection.PROCESSOR)
public class IdentityDirectoryProjection {

    public static final String PROCESSOR = "identity-directory";
    /** How a session opened with a passkey names its credential (claim {@code cid}, caller metadata). */
    public static final String PASSKEY_CREDENTIAL_PREFIX = "webauthn:";

    private final JdbcTemplate jdbc;

    public IdentityDirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganisationFounded event) {
        jdbc.update("INSERT INTO identity_organisation (organisation_id, name, founded_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", event.organisation().value(), event.name(), Timestamp.from(event.foundedAt()));
        insertMember(event.firstAdmin().value(), event.organisation().value(), event.adminName(),
                Set.of(Role.ORG_ADMIN), event.foundedAt());
    }

    @EventHandler
    void on(MemberJoined event) {
        insertMember(event.member().value(), event.organisation().value(), event.displayName(), event.roles(),
                event.joinedAt());
    }

    @EventHandler
    void on(MemberRolesChanged event) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("UPDATE identity_member SET roles = ? WHERE member_id = ?");
            statement.setArray(1, con.createArrayOf("text", names(event.roles())));
            statement.setObject(2, event.member().value());
            return statement;
        });
    }

    @EventHandler
    void on(MemberRemoved event) {
        jdbc.update("UPDATE identity_member SET removed_at = ? WHERE member_id = ? AND removed_at IS NULL",
                Timestamp.from(event.removedAt()), event.member().value());
        jdbc.update("UPDATE identity_session SET revoked_at = ?, revoked_reason = 'member removed' "
                + "WHERE member_id = ? AND revoked_at IS NULL", Timestamp.from(event.removedAt()), event.member().value());
    }

    @EventHandler
    void on(ServiceAccountCreated event) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO identity_service_account
                        (service_account_id, organisation_id, name, roles, token_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            statement.setObject(1, event.serviceAccount().value());
            statement.setString(2, event.organisation().value());
            statement.setString(3, event.name());
            statement.setArray(4, con.createArrayOf("text", names(event.roles())));
            statement.setString(5, event.tokenHash());
            statement.setTimestamp(6, Timestamp.from(event.createdAt()));
            return statement;
        });
    }

    @EventHandler
    void on(ServiceAccountRevoked event) {
        jdbc.update("UPDATE identity_service_account SET revoked_at = ? WHERE service_account_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(event.revokedAt()), event.serviceAccount().value());
    }

    @EventHandler
    void on(PasskeyRegistered event) {
        String signer = SignerAddress.passkey(ChainFamily.EVM, Base64.getUrlDecoder().decode(event.credentialId())).value();
        jdbc.update("""
                INSERT INTO identity_passkey (credential_id, member_id, organisation_id, signer, public_key_cose,
                    signature_count, backup_eligible, backed_up, attestation_format, name, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO NOTHING""",
                event.credentialId(), event.member().value(), event.organisation().value(), signer,
                event.publicKeyCose(), event.signatureCount(), event.backupEligible(), event.backedUp(),
                event.attestationFormat() == null ? "none" : event.attestationFormat(), event.name(),
                Timestamp.from(event.registeredAt()));
        UUID owner = jdbc.queryForObject("SELECT member_id FROM identity_passkey WHERE credential_id = ?", UUID.class,
                event.credentialId());
        if (!event.member().value().equals(owner)) {
            // WebAuthn §7.1 step 26: one credential, one account. Throwing rolls the registration back.
            throw new IllegalStateException("credential " + event.credentialId() + " is registered to another member");
        }
    }

    @EventHandler
    void on(PasskeyUsed event) {
        jdbc.update("UPDATE identity_passkey SET signature_count = ?, backed_up = ?, last_used_at = ? "
                        + "WHERE credential_id = ? AND member_id = ?", event.signatureCount(), event.backedUp(),
                Timestamp.from(event.usedAt()), event.credentialId(), event.member().value());
    }

    @EventHandler
    void on(PasskeyRenamed event) {
        jdbc.update("UPDATE identity_passkey SET name = ? WHERE credential_id = ? AND member_id = ?", event.name(),
                event.credentialId(), event.member().value());
    }

    /** A revoked passkey signs in no more, and the sessions it opened end now. */
    @EventHandler
    void on(PasskeyRevoked event) {
        jdbc.update("UPDATE identity_passkey SET revoked_at = ? WHERE credential_id = ? AND member_id = ? "
                        + "AND revoked_at IS NULL", Timestamp.from(event.revokedAt()), event.credentialId(),
                event.member().value());
        jdbc.update("UPDATE identity_session SET revoked_at = ?, revoked_reason = 'passkey revoked' "
                        + "WHERE member_id = ? AND credential = ? AND revoked_at IS NULL", Timestamp.from(event.revokedAt()),
                event.member().value(), PASSKEY_CREDENTIAL_PREFIX + event.credentialId());
    }

    @EventHandler
    void on(ServiceAccountKeyRegistered event) {
        jdbc.update("""
                INSERT INTO identity_service_account_key
                    (service_account_id, key_id, algorithm, public_jwk, registered_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", event.serviceAccount().value(), event.keyId(),
                event.algorithm(), event.publicKeyJwk(), Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(ServiceAccountKeyRevoked event) {
        jdbc.update("UPDATE identity_service_account_key SET revoked_at = ? WHERE service_account_id = ? "
                + "AND key_id = ? AND revoked_at IS NULL", Timestamp.from(event.revokedAt()),
                event.serviceAccount().value(), event.keyId());
    }

    /** A merchant's API key (ADR identity-030): its hash, never its secret, which no event holds. */
    @EventHandler
    void on(MerchantApiKeyIssued event) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO identity_merchant_api_key
                        (key_id, merchant_id, organisation_id, secret_hash, label, scopes, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            statement.setString(1, event.keyId());
            statement.setString(2, event.merchantId().value());
            statement.setString(3, event.organisation().value());
            statement.setString(4, event.secretHash());
            statement.setString(5, event.label());
            statement.setArray(6, con.createArrayOf("text",
                    event.scopes().stream().map(Enum::name).sorted().toArray(String[]::new)));
            statement.setTimestamp(7, Timestamp.from(event.issuedAt()));
            statement.setTimestamp(8, event.expiresAt() == null ? null : Timestamp.from(event.expiresAt()));
            return statement;
        });
    }

    @EventHandler
    void on(MerchantApiKeyRevoked event) {
        jdbc.update("UPDATE identity_merchant_api_key SET revoked_at = ? WHERE key_id = ? AND merchant_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(event.revokedAt()), event.keyId(),
                event.merchantId().value());
    }

    private void insertMember(java.util.UUID member, String organisation, String name, Set<Role> roles,
                              java.time.Instant at) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO identity_member (member_id, organisation_id, display_name, roles, joined_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            statement.setObject(1, member);
            statement.setString(2, organisation);
            statement.setString(3, name);
            statement.setArray(4, con.createArrayOf("text", names(roles)));
            statement.setTimestamp(5, Timestamp.from(at));
            return statement;
        });
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
