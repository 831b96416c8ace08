package io.custody.api.identity;

/** What a member or service account may do within one organisation. Roles are per organisation, never global. */
public enum Role {
    /** Manages members, invitations, service accounts, wallets and their policy. */
    ORG_ADMIN,
    /** Proposes withdrawals and approves or rejects them with the signer's own credential. */
    SIGNER,
    /** Reads wallets, balances and proposals. */
    VIEWER,
    /** Reads everything, including the audit history; changes nothing. */
    COMPLIANCE_OFFICER
}
