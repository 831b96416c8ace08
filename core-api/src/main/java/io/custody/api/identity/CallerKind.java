package io.custody.api.identity;

/** Who stands behind a request: a person (member) or an automated API client (service account). */
public enum CallerKind {
    MEMBER,
    SERVICE_ACCOUNT
}
