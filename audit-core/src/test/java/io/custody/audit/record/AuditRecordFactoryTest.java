package io.custody.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.api.identity.MemberRolesChanged;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.withdrawal.ProposalApproved;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A record is computed from the stored bytes alone, and its hash and encoding follow every byte of them. */
class AuditRecordFactoryTest {

    private static final String WALLET = "0b0e4b4e-57c4-4b0e-9d0e-6a7b2f7c1a11";

    @Test
    void a_wallet_creation_names_its_organisation_and_the_caller_from_metadata() {
        StoredEvent created = stored(CustodyWalletCreated.class, "CustodyWallet", WALLET, 0,
                "{\"walletId\":\"" + WALLET + "\",\"organisation\":\"org-1\",\"name\":\"Treasury\"}",
                "{\"traceId\":\"t-1\",\"callerId\":\"alice\",\"clientIp\":\"10.0.0.1\",\"userAgent\":\"ua\","
                        + "\"sessionId\":\"s-1\"}");
        AuditRecord record = AuditRecordFactory.record(created, wallet -> Optional.empty());
        assertThat(record.eventType()).isEqualTo("CustodyWalletCreated");
        assertThat(record.organisationId()).isEqualTo("org-1");
        assertThat(record.walletId()).isEqualTo(WALLET);
        assertThat(record.targetType()).isEqualTo("WALLET");
        assertThat(record.targetId()).isEqualTo(WALLET);
        assertThat(record.actor()).isEqualTo("alice");
        assertThat(record.ipAddress()).isEqualTo("10.0.0.1");
        assertThat(record.userAgent()).isEqualTo("ua");
        assertThat(record.sessionId()).isEqualTo("s-1");
        assertThat(record.traceId()).isEqualTo("t-1");
        assertThat(record.eventHash()).hasSize(64);
    }

    @Test
    void a_payment_routed_with_a_merchant_api_key_names_the_key_as_its_actor() {
        String key = "merchant-api-key:0123456789abcdef0123456789abcdef";
        StoredEvent routed = stored(io.custody.api.payment.PaymentRouted.class, "Merchant", "coffee-corner", 3,
                "{\"merchantId\":\"coffee-corner\",\"paymentId\":\"order-1\",\"custodyWallet\":null}",
                "{\"organisation\":\"org-4\",\"callerId\":\"coffee-corner\",\"callerKind\":\"MERCHANT_API_KEY\","
                        + "\"credentialId\":\"" + key + "\"}");
        AuditRecord record = AuditRecordFactory.record(routed, wallet -> Optional.empty());
        assertThat(record.actor()).isEqualTo(key);
        assertThat(record.organisationId()).isEqualTo("org-4");
        assertThat(record.targetId()).isEqualTo("order-1");

        // a member's credential is not the actor: the member is
        StoredEvent byMember = stored(io.custody.api.payment.PaymentRouted.class, "Merchant", "coffee-corner", 4,
                "{\"merchantId\":\"coffee-corner\",\"paymentId\":\"order-2\",\"custodyWallet\":null}",
                "{\"organisation\":\"org-4\",\"callerId\":\"alice\",\"callerKind\":\"MEMBER\","
                        + "\"credentialId\":\"webauthn:AAECAw\"}");
        assertThat(AuditRecordFactory.record(byMember, wallet -> Optional.empty()).actor()).isEqualTo("alice");
    }

    @Test
    void an_approval_takes_its_organisation_from_the_directory_and_its_actor_from_the_signer() {
        StoredEvent approved = stored(ProposalApproved.class, "WithdrawalProposal", "p-1", 3,
                "{\"walletId\":\"" + WALLET + "\",\"proposalId\":\"p-1\",\"signer\":{\"value\":\"0xabc\"}}", null);
        AuditRecord record = AuditRecordFactory.record(approved,
                wallet -> Optional.ofNullable(Map.of(WALLET, "org-9").get(wallet)));
        assertThat(record.organisationId()).isEqualTo("org-9");
        assertThat(record.actor()).isEqualTo("0xabc");
        assertThat(record.targetType()).isEqualTo("PROPOSAL");
        assertThat(record.targetId()).isEqualTo("p-1");
        assertThat(record.ipAddress()).isNull();
    }

    @Test
    void an_identity_event_targets_the_member_and_names_no_wallet() {
        String member = "5c1a8d2e-3f4b-4c6d-8e9f-0a1b2c3d4e5f";
        StoredEvent changed = stored(MemberRolesChanged.class, "Organisation", "org-2", 4,
                "{\"organisation\":\"org-2\",\"member\":{\"value\":\"" + member + "\"},\"roles\":[\"SIGNER\"],"
                        + "\"changedAt\":\"2026-12-01T12:00:00Z\"}",
                "{\"organisation\":\"org-2\",\"callerId\":\"admin-1\",\"clientIp\":\"10.0.0.2\"}");
        AuditRecord record = AuditRecordFactory.record(changed, wallet -> {
            throw new AssertionError("an identity event names no wallet to look up");
        });
        assertThat(record.eventType()).isEqualTo("MemberRolesChanged");
        assertThat(record.walletId()).isNull();
        assertThat(record.organisationId()).isEqualTo("org-2");
        assertThat(record.targetType()).isEqualTo("MEMBER");
        assertThat(record.targetId()).isEqualTo(member);
        assertThat(record.actor()).isEqualTo("admin-1");
        assertThat(record.ipAddress()).isEqualTo("10.0.0.2");
        assertThat(AuditRecordEncoding.decode(AuditRecordEncoding.encode(record))).isEqualTo(record);
    }

    @Test
    void a_passkey_event_takes_its_organisation_from_the_callers_metadata() {
        String member = "5c1a8d2e-3f4b-4c6d-8e9f-0a1b2c3d4e5f";
        StoredEvent revoked = stored(PasskeyRevoked.class, "MemberPasskeys", member, 2,
                "{\"member\":{\"value\":\"" + member + "\"},\"credentialId\":\"AAECAw\","
                        + "\"revokedAt\":\"2026-12-01T12:00:00Z\"}",
                "{\"organisation\":\"org-3\",\"callerId\":\"" + member + "\"}");
        AuditRecord record = AuditRecordFactory.record(revoked, wallet -> Optional.empty());
        assertThat(record.organisationId()).isEqualTo("org-3");
        assertThat(record.walletId()).isNull();
        assertThat(record.targetType()).isEqualTo("PASSKEY");
        assertThat(record.targetId()).isEqualTo("AAECAw");
        assertThat(record.actor()).isEqualTo(member);
    }

    @Test
    void any_changed_byte_of_the_stored_event_changes_the_event_hash_and_the_leaf_data() {
        StoredEvent a = stored(CustodyWalletCreated.class, "CustodyWallet", WALLET, 0,
                "{\"walletId\":\"" + WALLET + "\",\"organisation\":\"org-1\",\"name\":\"A\"}", "{}");
        StoredEvent b = stored(CustodyWalletCreated.class, "CustodyWallet", WALLET, 0,
                "{\"walletId\":\"" + WALLET + "\",\"organisation\":\"org-1\",\"name\":\"B\"}", "{}");
        StoredEvent c = stored(CustodyWalletCreated.class, "CustodyWallet", WALLET, 0,
                "{\"walletId\":\"" + WALLET + "\",\"organisation\":\"org-1\",\"name\":\"A\"}", "{\"x\":\"1\"}");
        AuditRecord ra = AuditRecordFactory.record(a, w -> Optional.empty());
        assertThat(AuditRecordFactory.record(a, w -> Optional.empty())).isEqualTo(ra);
        assertThat(AuditRecordFactory.record(b, w -> Optional.empty()).eventHash()).isNotEqualTo(ra.eventHash());
        assertThat(AuditRecordFactory.record(c, w -> Optional.empty()).eventHash()).isNotEqualTo(ra.eventHash());
        AuditRecord renamedActor = new AuditRecord(ra.eventId(), ra.aggregateType(), ra.aggregateId(),
                ra.aggregateSequence(), ra.eventType(), ra.organisationId(), ra.walletId(), "mallory",
                ra.targetType(), ra.targetId(), ra.details(), ra.ipAddress(), ra.userAgent(), ra.sessionId(),
                ra.traceId(), ra.occurredAt(), ra.eventHash());
        assertThat(AuditRecordEncoding.encode(renamedActor)).isNotEqualTo(AuditRecordEncoding.encode(ra));
        assertThat(AuditRecordEncoding.decode(AuditRecordEncoding.encode(renamedActor))).isEqualTo(renamedActor);
        byte[] truncated = java.util.Arrays.copyOf(AuditRecordEncoding.encode(ra), 40);
        assertThatThrownBy(() -> AuditRecordEncoding.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_event_type_outside_the_catalogue_is_refused_rather_than_skipped() {
        StoredEvent unknown = new StoredEvent(1, "e-1", "a-1", 0, "X", "com.example.Unknown", "1",
                "2026-01-01T00:00:00Z", "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThatThrownBy(() -> AuditRecordFactory.record(unknown, w -> Optional.empty()))
                .isInstanceOf(UnmappedEventException.class).hasMessageContaining("com.example.Unknown");
    }

    static StoredEvent stored(Class<?> type, String aggregateType, String aggregateId, long sequence, String payload,
                              String metaData) {
        return new StoredEvent(sequence + 1, "event-" + aggregateId + "-" + sequence, aggregateId, sequence,
                aggregateType, type.getName(), "1", "2026-12-01T12:00:00.000Z",
                payload.getBytes(StandardCharsets.UTF_8),
                metaData == null ? null : metaData.getBytes(StandardCharsets.UTF_8));
    }
}
