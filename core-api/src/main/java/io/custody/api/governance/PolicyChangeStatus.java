package io.custody.api.governance;

/** Where a policy change is in its life; the last four are final. */
public enum PolicyChangeStatus {
    /** Waiting for the snapshot threshold of signer approvals. */
    PENDING,
    /** Approved; takes effect when its time lock has passed unless cancelled first. */
    SCHEDULED,
    APPLIED,
    CANCELLED,
    /** The wallet's rules refused the change when it was to take effect; the wallet is unchanged. */
    FAILED,
    EXPIRED;

    public boolean isFinal() {
        return this != PENDING && this != SCHEDULED;
    }
}
