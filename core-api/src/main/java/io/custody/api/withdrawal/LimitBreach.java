package io.custody.api.withdrawal;

/** Which configured limit a proposal exceeds, and hence why it needs an extra approval (seed Property 15). */
public enum LimitBreach {
    SINGLE,
    DAILY,
    WEEKLY
}
