package io.custody.mpc.client;

import java.util.concurrent.CompletableFuture;

/**
 * What a saga asks of the MPC cluster. Every future completes exceptionally with an {@link MpcClientException} (never
 * another exception type), whose {@link MpcClientException#code()} is stable. Calls with an {@link IdempotencyKey}
 * are safe to retry after a crash: the same key with the same payload returns the first result (the same key id and
 * public key, the same signature), the same key with another payload fails with IDEMPOTENCY_CONFLICT.
 */
public interface MpcClient {

    /** Generates a new threshold key on every node of the cluster. */
    CompletableFuture<KeyDescriptor> generateKey(IdempotencyKey idempotencyKey, GenerateKeyRequest request);

    /** Refreshes every share of the key; the public key does not change. */
    CompletableFuture<KeyDescriptor> refresh(IdempotencyKey idempotencyKey, KeyRef key);

    /** Threshold ECDSA only: an offline-phase presignature, single use, on the nodes that made it. */
    CompletableFuture<PresignatureHandle> presign(IdempotencyKey idempotencyKey, KeyRef key);

    /** Signs {@code request.message()}, hashed by the nodes as {@code request.hash()} says, with failover. */
    CompletableFuture<SignatureResult> sign(IdempotencyKey idempotencyKey, SignMessageRequest request);

    /** Signs with a presignature from {@link #presign} (threshold ECDSA only, no failover: its signers only). */
    CompletableFuture<SignatureResult> sign(IdempotencyKey idempotencyKey, SignMessageRequest request,
                                            PresignatureHandle presignature);

    /** The key as generated: scheme, threshold, nodes and the chain-independent public key (with chain code). */
    CompletableFuture<KeyDescriptor> publicKey(KeyRef key);

    /** Threshold ECDSA only: the public key derived along a non-hardened path, as chain adapters need it. */
    CompletableFuture<DerivedPublicKey> publicKey(KeyRef key, DerivationPath path);
}
