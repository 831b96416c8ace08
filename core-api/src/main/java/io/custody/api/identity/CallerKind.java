package io.custody.api.identity;

/**
 * Who stands behind a request: a person (member), an automated API client (service account), or a merchant's payment
 * system with one of the merchant's API keys (its subject is the merchant id; ADR identity-030).
 */
public enum CallerKind {
    MEMBER,
    SERVICE_ACCOUNT,
    MERCHANT_API_KEY
}
