package io.custody.audit.record;

import java.util.Objects;

/**
 * How one event type becomes an audit record: what kind of thing it acts on and which fields of its stored JSON name
 * that thing, the custody wallet, the acting party and the organisation. A {@code null} field name means the event
 * does not carry it.
 *
 * @param targetType        the seed's target type: {@code WALLET}, {@code PROPOSAL}, {@code DEPOSIT}, ...
 * @param targetIdField     the JSON field holding the target's id
 * @param walletField       the JSON field holding the custody wallet's id
 * @param actorField        the JSON field naming who acted, used when the event's metadata names no caller
 * @param organisationField the JSON field naming the organisation, for the events that open a wallet's history
 */
public record AuditMapping(
        String eventType,
        String targetType,
        String targetIdField,
        String walletField,
        String actorField,
        String organisationField) {

    public AuditMapping {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetIdField, "targetIdField");
    }

    static AuditMapping onWallet(String eventType) {
        return new AuditMapping(eventType, "WALLET", "walletId", "walletId", null, null);
    }

    /** An event of identity and access: it concerns no custody wallet. */
    static AuditMapping onIdentity(String eventType, String targetType, String targetIdField, String actorField,
                                   String organisationField) {
        return new AuditMapping(eventType, targetType, targetIdField, null, actorField, organisationField);
    }

    static AuditMapping onProposal(String eventType, String actorField) {
        return new AuditMapping(eventType, "PROPOSAL", "proposalId", "walletId", actorField, null);
    }

    static AuditMapping onPolicyChange(String eventType, String actorField) {
        return new AuditMapping(eventType, "POLICY_CHANGE", "changeId", "walletId", actorField, null);
    }
}
