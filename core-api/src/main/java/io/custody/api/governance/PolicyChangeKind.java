package io.custody.api.governance;

/** What a policy change does to its wallet; which fields of {@link PolicyChange} it uses is said per kind. */
public enum PolicyChangeKind {
    /** {@code signer} joins the wallet. */
    ADD_SIGNER,
    /** {@code signer} leaves the wallet. */
    REMOVE_SIGNER,
    /** The number of approvals a withdrawal needs becomes {@code threshold}. */
    CHANGE_THRESHOLD,
    /** The limits of {@code token} become {@code limits} (all null: no limit). */
    SET_LIMITS,
    /** {@code address} joins the destination whitelist. */
    ADD_WHITELIST_ADDRESS,
    /** {@code address} leaves the destination whitelist. */
    REMOVE_WHITELIST_ADDRESS,
    /** The withdrawal delay becomes {@code hours}. */
    SET_WITHDRAWAL_DELAY,
    /** A suspended wallet becomes active again ({@code reason} optional). */
    REACTIVATE,
    /** The wallet is suspended ({@code reason} optional). */
    SUSPEND,
    /** Calls to {@code address} are allowed: {@code label}, {@code functions}, {@code minApprovals}. */
    ALLOW_CONTRACT,
    /** Calls to {@code address} are no longer allowed. */
    DISALLOW_CONTRACT
}
